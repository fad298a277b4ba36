package chat.lifecycle.app.deactivation;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deactivation's 200 means its cleanup is done: every read made right after it, with no polling, shows the final
 * state, and the status history holds the deactivation's receipt, counting what was issued.
 */
class DoneAtThe200Test extends IntegrationTest {

    private static final String REDIRECT = "https://client.example.org/callback";

    @Test
    void rightAfterThe200TheRoomsAreHandedOverOrDeletedAndTheReceiptCountsWhatWasIssued() {
        String name = unique("leaver");
        String leaver = api.createUser(admin, name, "pw-" + name);
        Login first = api.login(name, "pw-" + name);
        api.login(name, "pw-" + name);
        ok(api.post("/api/v1/users.generatePersonalAccessToken", Api.json("tokenName", "ci"), first));
        String heir = api.createUser(admin, unique("heir"), "pw-heir-1");
        String channel = create("channels", first, unique("kept"), heir);
        String group = create("groups", first, unique("solo"));
        String shared = create("groups", first, unique("shared"), heir);
        String heirName = api.get("/api/v1/users.info?userId=" + heir, admin).text("user.username");
        Login heirLogin = api.login(heirName, "pw-heir-1");
        String dm = api.post("/api/v1/im.create", Api.json("username", heirName), first).text("room._id");
        Reply app = api.post("/api/v1/oauth-apps.create", "{\"name\":\"" + unique("app") + "\",\"active\":true,"
                + "\"redirectUri\":\"" + REDIRECT + "\"}", admin);
        String clientId = app.text("application.clientId");
        Reply tokens = api.postForm("/oauth/token", Map.of("grant_type", "authorization_code",
                "code", authorize(clientId, first), "redirect_uri", REDIRECT, "client_id", clientId,
                "client_secret", app.text("application.clientSecret")));
        assertThat(tokens.status()).as(tokens.raw()).isEqualTo(200);
        authorize(clientId, first); // a code never redeemed

        Reply reply = api.post("/api/v1/users.setActiveStatus", "{\"userId\":\"" + leaver + "\",\"activeStatus\":false,"
                + "\"confirmRelinquish\":true}", admin);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(Api.parse("{\"user\":{\"_id\":\"" + leaver + "\",\"active\":false},"
                + "\"success\":true}"));
        assertThat(api.get("/api/v1/channels.roles?roomId=" + channel, admin).body().path("roles")
                .findValuesAsText("_id")).containsExactlyInAnyOrder(leaver, heir);
        assertThat(api.get("/api/v1/rooms.info?roomId=" + group, admin).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/groups.roles?roomId=" + shared, admin).body().path("roles")
                .findValuesAsText("_id")).containsExactlyInAnyOrder(leaver, heir);
        assertThat(api.get("/api/v1/rooms.info?roomId=" + dm, admin).body().path("room").path("ro").asBoolean())
                .isTrue();
        assertThat(api.get("/api/v1/subscriptions.getOne?roomId=" + dm, heirLogin).body().path("subscription")
                .path("archived").asBoolean()).isTrue();
        JsonNode history = api.get("/api/v1/users.statusHistory?userId=" + leaver, admin).body().path("history");
        JsonNode cleanup = history.get(1).path("cleanup");
        assertThat(cleanup.isObject()).as(cleanup.toString()).isTrue();
        assertThat(cleanup.path("deleted")).isEqualTo(Api.parse("{\"loginTokens\":2,\"oauthAccessTokens\":1,"
                + "\"oauthCodes\":1,\"oauthRefreshTokens\":1,\"personalAccessTokens\":1}"));
        assertThat(cleanup.path("rooms").findValuesAsText("roomId")).containsExactlyInAnyOrder(channel, group, shared);
        assertThat(cleanup.path("directMessages")).isEqualTo(Api.parse("[\"" + dm + "\"]"));
        assertThat(outcome(cleanup, channel)).isEqualTo(List.of("handedOver", heir));
        assertThat(outcome(cleanup, group)).isEqualTo(List.of("deleted", "null"));
        assertThat(cleanup.path("steps").findValuesAsText("step"))
                .containsExactlyInAnyOrder("directMessages", "loginTokens", "oauthGrants");
        Instant deactivatedAt = Instant.parse(history.get(1).path("at").asText());
        Instant completedAt = Instant.parse(cleanup.path("completedAt").asText());
        assertThat(completedAt).isAfterOrEqualTo(deactivatedAt);
        cleanup.path("steps").forEach(step ->
                assertThat(Instant.parse(step.path("confirmedAt").asText())).isBetween(deactivatedAt, completedAt));
    }

    /** No room to hand over: the deactivation's own transaction cleans up, and lists the DMs it made read-only. */
    @Test
    void aDeactivationCompleteAtItsCommitListsTheDirectMessagesItMadeReadOnly() {
        String name = unique("chatty");
        String user = api.createUser(admin, name, "pw-" + name);
        Login login = api.login(name, "pw-" + name);
        String peer = api.createUser(admin, unique("peer"), "pw-peer-1");
        String peerName = api.get("/api/v1/users.info?userId=" + peer, admin).text("user.username");
        String dm = api.post("/api/v1/im.create", Api.json("username", peerName), login).text("room._id");
        String notes = api.post("/api/v1/im.create", Api.json("username", name), login).text("room._id");

        ok(api.setActiveStatus(admin, user, false));

        JsonNode cleanup = api.get("/api/v1/users.statusHistory?userId=" + user, admin).body().path("history").get(1)
                .path("cleanup");
        List<String> listed = new ArrayList<>();
        cleanup.path("directMessages").forEach(id -> listed.add(id.asText()));
        assertThat(listed).containsExactlyInAnyOrder(dm, notes);
        assertThat(cleanup.path("rooms")).isEmpty();
        assertThat(api.get("/api/v1/rooms.info?roomId=" + dm, admin).body().path("room").path("ro").asBoolean())
                .isTrue();
    }

    @Test
    void aReactivationHasNoCleanupAndEveryDeactivationHasItsOwn() {
        String user = api.createUser(admin, unique("twice"), "pw-twice-1");
        ok(api.setActiveStatus(admin, user, false));
        ok(api.setActiveStatus(admin, user, true));
        ok(api.setActiveStatus(admin, user, false));

        JsonNode history = api.get("/api/v1/users.statusHistory?userId=" + user, admin).body().path("history");

        assertThat(history).hasSize(4);
        assertThat(history.get(0).has("cleanup")).isFalse();
        assertThat(history.get(2).has("cleanup")).isFalse();
        assertThat(history.get(1).path("cleanup").path("deleted").path("loginTokens").asInt(-1)).isZero();
        assertThat(history.get(3).path("cleanup").path("completedAt").isTextual()).isTrue();
    }

    private static List<String> outcome(JsonNode cleanup, String roomId) {
        for (JsonNode room : cleanup.path("rooms")) {
            if (room.path("roomId").asText().equals(roomId)) {
                return List.of(room.path("outcome").asText(), room.path("newOwnerId").asText());
            }
        }
        return List.of();
    }

    private String authorize(String clientId, Login user) {
        Reply reply = api.postForm("/oauth/authorize", Map.of("token", user.token(), "client_id", clientId,
                "response_type", "code", "redirect_uri", REDIRECT, "allow", "yes"));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(302);
        return URI.create(reply.header("Location")).getQuery().replaceFirst("^code=", "").replaceFirst("&.*", "");
    }

    private String create(String kind, Login owner, String name, String... memberIds) {
        String members = String.join(",", java.util.Arrays.stream(memberIds).map(id -> "\""
                + api.get("/api/v1/users.info?userId=" + id, admin).text("user.username") + "\"").toList());
        Reply reply = api.post("/api/v1/" + kind + ".create", "{\"name\":\"" + name + "\",\"members\":[" + members
                + "]}", owner);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.text((kind.equals("channels") ? "channel" : "group") + "._id");
    }

    private static void ok(Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }
}
