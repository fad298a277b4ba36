package chat.lifecycle.app.feed;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
        // a replay writes the audit rows over themselves: gone, every one must be written again, most of them while
        // the replay still reads (every 100 events in the tests)
        jdbc.update("delete from user_status_change");

        Reply started = api.post("/api/v1/admin.replay", "{\"processor\":\"all\"}", admin);

        assertThat(started.status()).as(started.raw()).isEqualTo(200);
        Reply done = awaitReplayDone();
        assertThat(done.body().path("replay").path("eventsDone").asLong()).isPositive();
        assertThat(done.body().path("replay").path("processors").toString())
                .contains("user-view", "status-history", "room-view");
        awaitQuiet();
        Map<String, List<Map<String, Object>>> rebuilt = snapshot();
        READ_MODELS.keySet().forEach(table -> assertThat(rebuilt.get(table)).as(table).isEqualTo(live.get(table)));
        assertThat(live.get("user_view")).isNotEmpty();
        assertThat(live.get("room_subscription")).isNotEmpty();
    }

    /**
     * Writes go on from before the replay starts until after it ends, so some events reach the live tables while
     * the rebuild runs, some before its rows replace them, and some after: once all is quiet, the read models are
     * what a replay on a quiet store makes of the same events.
     */
    @Test
    void aReplayUnderLiveWritesEndsWhereAQuietReplayDoes() throws Exception {
        String name = unique("replay-busy");
        String busy = api.createUser(admin, name, "pw-busy-1");
        AtomicBoolean replayDone = new AtomicBoolean();
        AtomicInteger toggles = new AtomicInteger();
        Thread writer = new Thread(() -> {
            Api writes = new Api(api.port());
            Login as = writes.login(ADMIN, ADMIN_PASSWORD);
            while (!replayDone.get() || toggles.get() < 4) {
                writes.setActiveStatus(as, busy, toggles.incrementAndGet() % 2 == 0);
                writes.createUser(as, unique("replay-new"), "pw-new-1");
            }
        });
        writer.start();
        await("writes have begun").atMost(Duration.ofSeconds(30)).until(() -> toggles.get() > 2);
        assertThat(api.post("/api/v1/admin.replay", "{}", admin).status()).isEqualTo(200);
        awaitReplayDone();
        replayDone.set(true);
        writer.join();
        awaitQuiet();
        Map<String, List<Map<String, Object>>> afterBusyReplay = snapshot();

        assertThat(api.post("/api/v1/admin.replay", "{}", admin).status()).isEqualTo(200);
        awaitReplayDone();
        Map<String, List<Map<String, Object>>> afterQuietReplay = snapshot();
        READ_MODELS.keySet().forEach(table ->
                assertThat(afterBusyReplay.get(table)).as(table).isEqualTo(afterQuietReplay.get(table)));
        assertThat(api.get("/api/v1/users.info?userId=" + busy, admin).text("user.active"))
                .isEqualTo(String.valueOf(toggles.get() % 2 == 0));
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

    /**
     * Every kind of event the read models take: users created, logged in, given a role and relieved of one (SCIM),
     * deactivated, reactivated and deleted; channels with owners added and removed, hand-overs, a deleted channel,
     * direct messages (one with a note to self, one of a deleted user).
     */
    private void makeHistory() {
        String ownerName = unique("replay-owner");
        String owner = api.createUser(admin, ownerName, "pw-owner-1");
        Login ownerLogin = api.login(ownerName, "pw-owner-1");
        String memberName = unique("replay-member");
        String member = api.createUser(admin, memberName, "pw-member-1");
        api.login(memberName, "pw-member-1");
        String leaverName = unique("replay-leaver");
        String leaver = api.createUser(admin, leaverName, "pw-leaver-1");
        api.post("/api/v1/roles.addUserToRole", Api.json("roleName", "auditor", "username", memberName), admin);
        api.post("/api/v1/roles.addUserToRole", Api.json("roleName", "bot", "username", memberName), admin);
        Reply removed = api.exchange("PATCH", "/scim/v2/Groups/bot", "{\"Operations\":[{\"op\":\"remove\","
                + "\"path\":\"members[value eq \\\"" + member + "\\\"]\"}]}", "X-User-Id", admin.userId(),
                "X-Auth-Token", admin.token(), "Content-Type", "application/scim+json");
        assertThat(removed.status()).as(removed.raw()).isEqualTo(200);
        Reply channel = api.post("/api/v1/channels.create", "{\"name\":\"" + unique("replay") + "\",\"members\":[\""
                + memberName + "\",\"" + leaverName + "\"]}", ownerLogin);
        assertThat(channel.status()).as(channel.raw()).isEqualTo(200);
        String channelId = channel.text("channel._id");
        api.post("/api/v1/channels.addOwner", Api.json("roomId", channelId, "userId", leaver), ownerLogin);
        api.post("/api/v1/channels.removeOwner", Api.json("roomId", channelId, "userId", leaver), ownerLogin);
        Reply doomed = api.post("/api/v1/channels.create", Api.json("name", unique("replay-doomed")), ownerLogin);
        api.post("/api/v1/channels.delete", Api.json("roomId", doomed.text("channel._id")), ownerLogin);
        api.post("/api/v1/groups.create", Api.json("name", unique("replay-solo")), ownerLogin);
        api.post("/api/v1/im.create", Api.json("username", memberName), ownerLogin);
        api.post("/api/v1/im.create", Api.json("username", ownerName), ownerLogin);
        api.post("/api/v1/im.create", Api.json("username", leaverName), ownerLogin);
        api.setActiveStatus(admin, member, false);
        api.setActiveStatus(admin, member, true);
        api.setActiveStatus(admin, leaver, false);
        assertThat(api.post("/api/v1/users.delete", Api.json("userId", leaver), admin).status()).isEqualTo(200);
        api.post("/api/v1/users.setActiveStatus", "{\"userId\":\"" + owner + "\",\"activeStatus\":false,"
                + "\"confirmRelinquish\":true}", admin);
    }

    /** Waits until the replay has ended, and fails with the replay's own progress or error unless it is done. */
    private Reply awaitReplayDone() {
        try {
            await("the replay has ended").atMost(Duration.ofSeconds(30))
                    .until(() -> !"running".equals(api.get("/api/v1/admin.replay", admin)
                    .text("replay.state")));
        } catch (AssertionError stillRunning) {
            throw new AssertionError(stillRunning.getMessage() + ": " + api.get("/api/v1/admin.replay", admin).raw());
        }
        Reply ended = api.get("/api/v1/admin.replay", admin);
        assertThat(ended.text("replay.state")).as(ended.raw()).isEqualTo("done");
        return ended;
    }

    /** Waits until no event has been stored for a while: sagas of this and earlier tests have finished. */
    private void awaitQuiet() {
        long[] last = {-1};
        long[] stableSince = {System.nanoTime()};
        await("the event store is quiet").atMost(Duration.ofSeconds(30)).until(() -> {
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
