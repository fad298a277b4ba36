package chat.lifecycle.query.web;

import chat.lifecycle.events.PublishedEvent;
import chat.lifecycle.query.feed.PublishedEvents;
import chat.lifecycle.query.feed.StoredPositions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The HTTP event feed: {@code GET /api/v1/events?after=<globalIndex>&limit=}, events in global order in their
 * published form, so a downstream service can catch up from any position and then follow the exchange. Pass the
 * last {@code globalIndex} received (answered as {@code next}) to read on. Events are read through Axon's store,
 * so stored older revisions arrive upcast.
 */
@RestController
@RequestMapping("/api/v1")
public class EventFeedController {

    static final String PERMISSION = "view-events";
    private static final int MAX_LIMIT = 1000;

    private final EventStore store;
    private final PublishedEvents published;
    private final StoredPositions positions;

    public EventFeedController(EventStore store, PublishedEvents published, StoredPositions positions) {
        this.store = store;
        this.published = published;
        this.positions = positions;
    }

    @GetMapping("/events")
    public Map<String, Object> events(Authentication caller, @RequestParam(defaultValue = "-1") long after,
                                      @RequestParam(defaultValue = "100") int limit) {
        if (caller.getAuthorities().stream().noneMatch(a -> a.getAuthority().equals(PERMISSION))) {
            throw ReadRefused.forbidden();
        }
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream =
                     store.openStream(after < 0 ? null : GapAwareTrackingToken.newInstance(after, Set.of()))) {
            while (read.size() < bounded && stream.hasNextAvailable()) {
                read.add(stream.nextAvailable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResponseStatusException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE);
        }
        // Each event at the index it was stored at, in that order, each once and past what the caller has.
        Map<String, Long> stored = positions.of(read.stream().map(TrackedEventMessage::getIdentifier).toList());
        TreeMap<Long, PublishedEvent> byIndex = new TreeMap<>();
        read.forEach(event -> {
            long index = stored.getOrDefault(event.getIdentifier(), -1L);
            if (index > after) {
                byIndex.putIfAbsent(index, published.of(event, index));
            }
        });
        List<PublishedEvent> events = List.copyOf(byIndex.values());
        long next = byIndex.isEmpty() ? after : byIndex.lastKey();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", events);
        body.put("next", next);
        body.put("success", true);
        return body;
    }
}
