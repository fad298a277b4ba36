package chat.lifecycle.app.feed;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writers commit out of global-index order (an index is taken at insert, the row is seen at commit), so a reader at
 * the head of the feed keeps meeting gaps that fill later. Here writer threads toggle users over HTTP while two
 * readers follow {@code next}; once the store is quiet, each reader must have seen every event stored since the
 * start exactly once, in global order: the list a full read from -1 gives then.
 */
final class FollowingReaders {

    private static final int READERS = 2;

    private final Api api;
    private final Login admin;
    private final JdbcTemplate store;

    FollowingReaders(Api api, Login admin, JdbcTemplate store) {
        this.api = api;
        this.admin = admin;
        this.store = store;
    }

    /** What a reader got: the events, and each page that moved it on (to tell how it passed what it missed). */
    private record Followed(List<JsonNode> seen, List<String> pages) {
    }

    void assertNoneMissed(List<String> users, Duration writing) throws Exception {
        long start = head();
        AtomicBoolean writers = new AtomicBoolean(true);
        AtomicLong quietHead = new AtomicLong(Long.MAX_VALUE);
        ExecutorService threads = Executors.newFixedThreadPool(users.size() + READERS);
        try {
            List<Future<Followed>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(threads.submit(() -> follow(start, quietHead)));
            }
            List<Future<?>> toggles = new ArrayList<>();
            for (String user : users) {
                toggles.add(threads.submit(() -> {
                    for (boolean active = false; writers.get(); active = !active) {
                        Reply reply = api.setActiveStatus(admin, user, active);
                        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
                    }
                    return null;
                }));
            }
            Thread.sleep(writing.toMillis());
            writers.set(false);
            for (Future<?> toggle : toggles) {
                toggle.get(30, TimeUnit.SECONDS);
            }
            long end = quietHead(); // the deactivations' sagas done
            quietHead.set(end);

            // what a reader that reached the quiet head must have seen (a saga's retry may add events later)
            List<String> expected = ids(readAll(), start, end);
            assertThat(expected).as("the full read against the store").containsExactlyElementsOf(storedIds(start, end));
            assertThat(expected.size()).as("events written meanwhile").isGreaterThan(50);
            for (Future<Followed> reader : readers) {
                Followed followed = reader.get(60, TimeUnit.SECONDS);
                List<JsonNode> seen = followed.seen();
                assertThat(seen.stream().map(event -> event.path("globalIndex").asLong()).toList())
                        .as("global indexes as read").isSorted().doesNotHaveDuplicates();
                List<String> missed = new ArrayList<>(expected);
                missed.removeAll(ids(seen, start, end));
                assertThat(ids(seen, start, end)).as("a reader missed %d of %d events (%d UserDeactivated) at %s;"
                                + " start %d, end %d; pages: %s", missed.size(), expected.size(),
                                deactivations(missed), indexesOf(missed), start, end, followed.pages())
                        .containsExactlyElementsOf(expected);
            }
        } finally {
            writers.set(false);
            quietHead.compareAndSet(Long.MAX_VALUE, -1);
            threads.shutdownNow();
        }
    }

    /** Reads on from {@code after} by {@code next} until it has passed the head once the store is quiet. */
    private Followed follow(long after, AtomicLong quietHead) throws InterruptedException {
        List<JsonNode> seen = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (after < quietHead.get() && System.nanoTime() < deadline) {
            Reply page = api.get("/api/v1/events?after=" + after + "&limit=20", admin);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("events").forEach(seen::add);
            long next = page.body().path("next").asLong();
            assertThat(next).isGreaterThanOrEqualTo(after);
            if (next == after) {
                Thread.sleep(2);
            } else {
                pages.add("after=" + after + " next=" + next + " "
                        + page.body().path("events").findValuesAsText("globalIndex"));
            }
            after = next;
        }
        return new Followed(seen, pages);
    }

    private List<JsonNode> readAll() {
        List<JsonNode> all = new ArrayList<>();
        for (long after = -1; ; ) {
            Reply page = api.get("/api/v1/events?after=" + after + "&limit=1000", admin);
            page.body().path("events").forEach(all::add);
            if (page.body().path("events").isEmpty()) {
                return all;
            }
            after = page.body().path("next").asLong();
        }
    }

    /** The store's head once no event has been added for two seconds. */
    private long quietHead() throws InterruptedException {
        long head = head();
        for (int quiet = 0; quiet < 20; ) {
            Thread.sleep(100);
            long now = head();
            quiet = now == head ? quiet + 1 : 0;
            head = now;
        }
        return head;
    }

    private long head() {
        Long head = store.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    private List<String> storedIds(long after, long upTo) {
        return store.queryForList("select event_identifier from domain_event_entry where global_index > ? "
                + "and global_index <= ? order by global_index", String.class, after, upTo);
    }

    private static List<String> ids(List<JsonNode> events, long after, long upTo) {
        return events.stream().filter(event -> event.path("globalIndex").asLong() > after
                        && event.path("globalIndex").asLong() <= upTo)
                .map(event -> event.path("id").asText()).toList();
    }

    private List<Long> indexesOf(List<String> eventIds) {
        return eventIds.stream().map(id -> store.queryForObject(
                "select global_index from domain_event_entry where event_identifier = ?", Long.class, id)).toList();
    }

    private long deactivations(List<String> eventIds) {
        return eventIds.stream().filter(id -> store.queryForObject(
                "select payload_type from domain_event_entry where event_identifier = ?", String.class, id)
                .endsWith(".UserDeactivated")).count();
    }
}
