package chat.lifecycle.app.feed;

import static chat.lifecycle.app.support.Eventually.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Audit replay: every read model rebuilt from the event store comes out identical, row by row, to the live one. */
class ReplayIdentityTest extends IntegrationTest {

    private static final Map<String, String> READ_MODELS = Map.of(
            "user_view", "id",
            "user_status_change", "user_id, sequence_number",
            "room_view", "id",
            "room_subscription", "room_id, user_id");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void rebuildingEveryReadModelReproducesTheLiveOneRowByRow() {
        makeHistory();
        awaitQuiet();
        Map<String, List<Map<String, Object>>> live = snapshot();

        Reply started = api.post("/api/v1/admin.replay", "{\"processor\":\"all\"}", admin);

        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        awaitTrue("the replay is done", () -> "done".equals(api.get("/api/v1/admin.replay", admin)
                .text("replay.state")));
        Reply done = api.get("/api/v1/admin.replay", admin);
        assertThat(done.body().path("replay").path("eventsDone").asLong()).isPositive();
        assertThat(done.body().path("replay").path("processors").toString())
                .contains("user-view", "status-history", "room-view");
        awaitQuiet();
        Map<String, List<Map<String, Object>>> rebuilt = snapshot();
        READ_MODELS.keySet().forEach(table -> assertThat(rebuilt.get(table)).as(table).isEqualTo(live.get(table)));
        assertThat(live.get("user_view")).isNotEmpty();
        assertThat(live.get("room_subscription")).isNotEmpty();
    }

    @Test
    void onlyAdminsMayReplayAndOnlyKnownReadModels() {
        String name = unique("plain");
        api.createUser(admin, name, "pw-plain-1");
        Login plain = api.login(name, "pw-plain-1");

        assertThat(api.post("/api/v1/admin.replay", "{}", plain).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin.replay", "{\"processor\":\"nope\"}", admin).text("errorType"))
                .isEqualTo("error-invalid-processor");
    }

    /** Users, statuses, rooms with owners and hand-overs, and DMs through deactivations. */
    private void makeHistory() {
        String ownerName = unique("replay-owner");
        String owner = api.createUser(admin, ownerName, "pw-owner-1");
        Login ownerLogin = api.login(ownerName, "pw-owner-1");
        String memberName = unique("replay-member");
        String member = api.createUser(admin, memberName, "pw-member-1");
        Reply channel = api.post("/api/v1/channels.create", "{\"name\":\"" + unique("replay") + "\",\"members\":[\""
                + memberName + "\"]}", ownerLogin);
        assertThat(channel.status()).isEqualTo(200);
        api.post("/api/v1/groups.create", Api.json("name", unique("replay-solo")), ownerLogin);
        api.post("/api/v1/im.create", Api.json("username", memberName), ownerLogin);
        api.setActiveStatus(admin, member, false);
        api.setActiveStatus(admin, member, true);
        api.post("/api/v1/users.setActiveStatus", "{\"userId\":\"" + owner + "\",\"activeStatus\":false,"
                + "\"confirmRelinquish\":true}", admin);
    }

    /** Waits until no event has been stored for a while: sagas of this and earlier tests have finished. */
    private void awaitQuiet() {
        long[] last = {-1};
        long[] stableSince = {System.nanoTime()};
        awaitTrue("the event store is quiet", () -> {
            long count = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
            if (count != last[0]) {
                last[0] = count;
                stableSince[0] = System.nanoTime();
            }
            return System.nanoTime() - stableSince[0] > 1_500_000_000L;
        });
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        return Map.of(
                "user_view", rows("user_view"),
                "user_status_change", rows("user_status_change"),
                "room_view", rows("room_view"),
                "room_subscription", rows("room_subscription"));
    }

    private List<Map<String, Object>> rows(String table) {
        // as text, so a mismatch reads plainly, to the microsecond
        return jdbc.queryForList("select * from " + table + " order by " + READ_MODELS.get(table)).stream()
                .map(row -> {
                    Map<String, Object> text = new java.util.TreeMap<>();
                    row.forEach((column, value) -> text.put(column, String.valueOf(value)));
                    return text;
                }).toList();
    }
}
