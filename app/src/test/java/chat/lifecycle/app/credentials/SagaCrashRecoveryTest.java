package chat.lifecycle.app.credentials;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.ServerProcess;
import chat.lifecycle.app.support.ServerProcesses;
import chat.lifecycle.app.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deactivation saga survives {@code kill -9}: the server is a separate JVM, killed after the deactivation
 * committed and while the saga's revocation steps are held back by table locks; after a restart the saga
 * completes and every credential of the user is gone.
 */
class SagaCrashRecoveryTest {

    private static final String REDIRECT = "https://client.example.org/cb";

    private final TestDatabase database = TestDatabase.get().sibling();
    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void aSagaInterruptedByKillNineCompletesAfterRestart() throws Exception {
        ServerProcess first = start("saga-crash-first");
        Api api = new Api(first.port());
        Login admin = api.login("root", "root-pass-1");
        String userId = api.createUser(admin, "victim", "pw-victim-1");
        Login login = api.login("victim", "pw-victim-1");
        String access = oauthAccessToken(api, admin, login);
        String heir = api.createUser(admin, "heir", "pw-heir-1");
        Reply group = api.post("/api/v1/groups.create", "{\"name\":\"kept\",\"members\":[\"heir\"]}", login);
        assertThat(group.status()).as(group.raw()).isEqualTo(200);
        String groupId = group.text("group._id");

        try (Connection blocker = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("lock table login_token, oauth_code, oauth_token in exclusive mode");
            }
            Reply deactivated = api.post("/api/v1/users.setActiveStatus", "{\"userId\":\"" + userId
                    + "\",\"activeStatus\":false,\"confirmRelinquish\":true}", admin);
            assertThat(deactivated.status()).isEqualTo(200);
            assertThat(api.get("/api/v1/me", login).status()).isEqualTo(401);
            assertThat(api.getWith("/api/v1/me", "Authorization", "Bearer " + access).status()).isEqualTo(401);
            await("a revocation step waiting on the locks").atMost(Duration.ofSeconds(30))
                    .until(() -> waitingOnLocks(blocker) > 0);

            first.kill();
            blocker.rollback();
        }
        assertThat(credentialsOf(userId)).as("credentials left by the killed saga").isPositive();

        api = new Api(start("saga-crash-second").port());
        // reactivated before the saga's retry: the hand-over its deactivation decided is carried out all the same
        assertThat(api.setActiveStatus(admin, userId, true).status()).isEqualTo(200);
        Api second = api;
        await("the group handed over to heir").atMost(Duration.ofSeconds(30))
                .until(() -> second.get("/api/v1/groups.roles?roomId=" + groupId, admin)
                .body().path("roles").findValuesAsText("_id").contains(heir));
        await("every credential deleted").atMost(Duration.ofSeconds(30)).until(() -> credentialsOf(userId) == 0);
        await("the saga ended").atMost(Duration.ofSeconds(30))
                .until(() -> count("select count(*) from association_value_entry "
                + "where association_key = 'userId' and association_value = '" + userId + "'") == 0);
        assertThat(api.get("/api/v1/me", login).status()).isEqualTo(401);
        assertThat(api.getWith("/api/v1/me", "Authorization", "Bearer " + access).status()).isEqualTo(401);
        // and the deactivation's receipt is complete: what the killed saga left is counted once, by its successor
        JsonNode cleanup = api.get("/api/v1/users.statusHistory?userId=" + userId, admin).body().path("history")
                .get(1).path("cleanup");
        assertThat(cleanup.path("completedAt").isTextual()).as(cleanup.toString()).isTrue();
        assertThat(cleanup.path("deleted").path("loginTokens").asInt()).isEqualTo(1);
        assertThat(cleanup.path("deleted").path("oauthAccessTokens").asInt()).isEqualTo(1);
        assertThat(cleanup.path("rooms")).singleElement().satisfies(room -> {
            assertThat(room.path("roomId").asText()).isEqualTo(groupId);
            assertThat(room.path("outcome").asText()).isEqualTo("handedOver");
            assertThat(room.path("newOwnerId").asText()).isEqualTo(heir);
        });
    }

    /** A server on the test's database whose first admin can log in, retrying revocation steps every 2 s. */
    private ServerProcess start(String name) throws IOException {
        return servers.add(ServerProcess.start(name, database,
                ServerProcess.signsIn("root", "root-pass-1"),
                "--ADMIN_USERNAME=root", "--ADMIN_PASS=root-pass-1", "--lifecycle.deactivation.retry-after=PT2S"));
    }

    private String oauthAccessToken(Api api, Login admin, Login user) {
        Reply app = api.post("/api/v1/oauth-apps.create", "{\"name\":\"crash\",\"active\":true,\"redirectUri\":\""
                + REDIRECT + "\"}", admin);
        String clientId = app.text("application.clientId");
        Reply authorized = api.postForm("/oauth/authorize", Map.of("token", user.token(), "client_id", clientId,
                "response_type", "code", "redirect_uri", REDIRECT, "allow", "yes"));
        String code = URI.create(authorized.header("Location")).getQuery().replaceFirst("^code=", "");
        Reply tokens = api.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", clientId, "client_secret", app.text("application.clientSecret")));
        assertThat(tokens.status()).as(tokens.raw()).isEqualTo(200);
        return tokens.text("access_token");
    }

    private int waitingOnLocks(Connection blocker) {
        try (Statement query = blocker.createStatement();
             var rs = query.executeQuery("select count(*) from pg_stat_activity where datname = current_database() "
                     + "and wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int credentialsOf(String userId) {
        return count("select (select count(*) from login_token where user_id = '" + userId + "')"
                + " + (select count(*) from oauth_token where user_id = '" + userId + "')");
    }

    private int count(String sql) {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(),
                database.password()); Statement query = connection.createStatement();
             var rs = query.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
