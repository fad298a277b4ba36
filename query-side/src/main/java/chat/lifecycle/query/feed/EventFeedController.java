package chat.lifecycle.query.feed;

import chat.lifecycle.query.feed.EventFeed;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The HTTP event feed: {@code GET /api/v1/events?after=<globalIndex>&limit=}, events in global order in their
 * published form, so a downstream service can catch up from any position and then follow the exchange. Pass
 * {@code next} back as {@code after} to read on: every event comes once, none is skipped (see {@link EventFeed}).
 */
@RestController
@RequestMapping("/api/v1")
public class EventFeedController {

    static final String PERMISSION = "view-events";
    private static final int MAX_LIMIT = 1000;

    private final EventFeed feed;

    public EventFeedController(EventFeed feed) {
        this.feed = feed;
    }

    @PreAuthorize("hasAuthority('" + PERMISSION + "')")
    @GetMapping("/events")
    public Map<String, Object> events(@RequestParam(defaultValue = "-1") long after,
                                      @RequestParam(defaultValue = "100") int limit) {
        EventFeed.Page page = feed.after(after, Math.max(1, Math.min(limit, MAX_LIMIT)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events());
        body.put("next", page.next());
        body.put("success", true);
        return body;
    }
}
