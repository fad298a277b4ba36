package chat.lifecycle.app.feed;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code GET /api/v1/events}: the store in global order, in the published form, readable from any position. */
class EventFeedTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDownstreamServiceCatchesUpPageByPageAndSeesEveryEventOnce() {
        String name = unique("feed");
        String user = api.createUser(admin, name, "pw-feed-secret-1");
        api.setActiveStatus(admin, user, false);

        List<JsonNode> all = new ArrayList<>();
        long after = -1;
        while (true) {
            Reply page = api.get("/api/v1/events?after=" + after + "&limit=50", admin);
            assertThat(page.status()).isEqualTo(200);
            page.body().path("events").forEach(all::add);
            long next = page.body().path("next").asLong();
            if (page.body().path("events").isEmpty()) {
                assertThat(next).isEqualTo(after);
                break;
            }
            assertThat(next).isGreaterThan(after);
            after = next;
        }

        List<Long> indexes = all.stream().map(event -> event.path("globalIndex").asLong()).toList();
        assertThat(indexes).isSorted().doesNotHaveDuplicates();
        List<JsonNode> mine = all.stream().filter(event -> user.equals(event.path("aggregateId").asText())).toList();
        assertThat(mine.stream().map(event -> event.path("type").asText()).toList())
                .startsWith("UserCreated", "UserDeactivated");
        JsonNode created = mine.get(0);
        assertThat(created.path("version").asInt()).isEqualTo(1);
        assertThat(created.path("sequence").asLong()).isZero();
        assertThat(created.path("correlationId").asText()).isNotEmpty();
        assertThat(created.path("payload").path("username").asText()).isEqualTo(name);
        assertThat(created.path("payload").has("passwordHash")).isFalse();
        assertThat(mine.get(1).path("version").asInt()).isEqualTo(3);
        assertThat(all.toString()).doesNotContain("pw-feed-secret-1").doesNotContain("$2a$");
    }

    /**
     * Two readers following {@code next} while eight writers toggle users see every event exactly once, in global
     * order, though writers commit out of index order (see {@link FollowingReaders}).
     */
    @Test
    void readersFollowingNextWhileWritersCommitSeeEveryEventOnceInOrder() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            users.add(api.createUser(admin, unique("feed-toggled"), "pw-feed-toggled-1"));
        }
        new FollowingReaders(api, admin, jdbc).assertNoneMissed(users, Duration.ofSeconds(8));
    }

    @Test
    void theFeedIsForAdminsOnly() {
        String name = unique("nosy");
        api.createUser(admin, name, "pw-nosy-1");
        Login nosy = api.login(name, "pw-nosy-1");

        assertThat(api.get("/api/v1/events", nosy).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/events", null).status()).isEqualTo(401);
    }
}
