package chat.lifecycle.app.split;

import static chat.lifecycle.app.support.Eventually.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.RocketChatClient;
import chat.lifecycle.app.support.SplitTopology;
import chat.lifecycle.app.support.TestDatabase;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The split deployment without containers ({@link SplitTopology}): the contract holds through the proxy,
 * read-your-writes included, forged identity headers are ignored, and the unchanged npm client works against it.
 * The whole HTTP integration suite can run through such a topology too: {@code -Dlifecycle.test.split=true}
 * (see IntegrationTest); not part of the default run yet, its writes wait seconds for the query side's processors.
 */
class SplitTopologyTest {

    private static final String ADMIN = "root";
    private static final String PASSWORD = "root-pass-1";
    private static final String REDIRECT = "https://client.example.org/cb";

    private static SplitTopology topology;
    private static Api api;
    private static Login admin;
    private static int userCounter;

    @BeforeAll
    static void startTopology() throws Exception {
        topology = SplitTopology.start(TestDatabase.get().sibling(), ADMIN, PASSWORD);
        api = new Api(topology.port());
        admin = api.login(ADMIN, PASSWORD);
    }

    @AfterAll
    static void stopTopology() {
        if (topology != null) {
            topology.stop();
        }
    }

    @Test
    void writesAreReadBackAtOnceThroughTheQuerySide() {
        String name = user();
        String id = api.createUser(admin, name, "pw-" + name);
        Login login = api.login(name, "pw-" + name);
        assertThat(api.get("/api/v1/users.info?userId=" + id, admin).text("user.username")).isEqualTo(name);

        Reply deactivated = api.setActiveStatus(admin, id, false);

        assertThat(deactivated.body()).isEqualTo(Api.parse("{\"user\":{\"_id\":\"" + id + "\",\"active\":false},"
                + "\"success\":true}"));
        assertThat(api.get("/api/v1/users.info?userId=" + id, admin).body().path("user").path("active")
                .asBoolean(true)).isFalse();
        assertThat(api.get("/api/v1/users.statusHistory?userId=" + id, admin).body().path("history")).hasSize(2);
        assertThat(api.get("/api/v1/me", login).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/login", Api.json("user", name, "password", "pw-" + name), null).text("error"))
                .isEqualTo("error-user-is-not-activated");
    }

    @Test
    void theQuerySideTrustsOnlyWhatTheProxyEstablished() {
        assertThat(api.getWith("/api/v1/me", "X-Lifecycle-User-Id", admin.userId(),
                "X-Lifecycle-Permissions", "view-full-other-user-info").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", new Login(admin.userId(), "forged")).body())
                .isEqualTo(Api.parse("{\"success\":false,\"error\":\"You must be logged in to do this.\","
                        + "\"status\":\"error\",\"message\":\"You must be logged in to do this.\"}"));
        assertThat(api.get("/internal/authenticate", admin).status()).isEqualTo(404);
        String plain = user();
        api.createUser(admin, plain, "pw-" + plain);
        assertThat(api.get("/api/v1/users.listByStatus?status=active", api.login(plain, "pw-" + plain)).status())
                .isEqualTo(403);
    }

    @Test
    void bearerTokensWorkOnQueryRoutesAndDieWithADeactivation() {
        String name = user();
        String id = api.createUser(admin, name, "pw-" + name);
        Login login = api.login(name, "pw-" + name);
        Reply app = api.post("/api/v1/oauth-apps.create", "{\"name\":\"split\",\"active\":true,\"redirectUri\":\""
                + REDIRECT + "\"}", admin);
        String clientId = app.text("application.clientId");
        Reply authorized = api.postForm("/oauth/authorize", Map.of("token", login.token(), "client_id", clientId,
                "response_type", "code", "redirect_uri", REDIRECT, "allow", "yes"));
        String code = URI.create(authorized.header("Location")).getQuery().replaceFirst("^code=", "");
        String access = api.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", clientId,
                "client_secret", app.text("application.clientSecret"))).text("access_token");

        assertThat(api.getWith("/api/v1/me", "Authorization", "Bearer " + access).text("_id")).isEqualTo(id);
        assertThat(api.getWith("/api/v1/me?access_token=" + access).text("_id")).isEqualTo(id);
        assertThat(api.getWith("/api/v1/me?access_token[$ne]=x").status()).isEqualTo(401);

        api.setActiveStatus(admin, id, false);

        assertThat(api.getWith("/api/v1/me", "Authorization", "Bearer " + access).status()).isEqualTo(401);
    }

    @Test
    void roomsAreHandedOverAndTheRefusalCarriesTheirNames() {
        String ownerName = user();
        String owner = api.createUser(admin, ownerName, "pw-" + ownerName);
        String memberName = user();
        String member = api.createUser(admin, memberName, "pw-" + memberName);
        String channelName = "split-" + System.nanoTime();
        String channel = api.post("/api/v1/channels.create", "{\"name\":\"" + channelName + "\",\"members\":[\""
                + memberName + "\"]}", api.login(ownerName, "pw-" + ownerName)).text("channel._id");

        Reply refused = api.setActiveStatus(admin, owner, false);
        assertThat(refused.text("errorType")).isEqualTo("user-last-owner");
        assertThat(refused.body().path("details").path("shouldChangeOwner").toString()).contains(channelName);

        assertThat(api.post("/api/v1/users.setActiveStatus", "{\"userId\":\"" + owner + "\",\"activeStatus\":false,"
                + "\"confirmRelinquish\":true}", admin).status()).isEqualTo(200);
        awaitTrue("the member owns the channel", () -> api.get("/api/v1/channels.roles?roomId=" + channel, admin)
                .body().path("roles").findValuesAsText("_id").contains(member));
    }

    @Test
    void theRocketChatClientWorksThroughTheProxy() throws Exception {
        assertThat(RocketChatClient.runContract("http://127.0.0.1:" + api.port(), ADMIN, PASSWORD)).isZero();
    }

    private static String user() {
        return "split-user-" + System.nanoTime() % 1_000_000 + "-" + (++userCounter);
    }
}
