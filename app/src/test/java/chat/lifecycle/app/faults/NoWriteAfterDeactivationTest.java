package chat.lifecycle.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.ServerProcess;
import chat.lifecycle.app.support.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Nothing a deactivated user asked for is written after the deactivation's 200. A request whose headers were
 * authenticated before the deactivation and whose body arrives after it writes nothing, and of two admins who
 * deactivate each other at the same instant only one succeeds: the credential is checked again in the transaction
 * that would commit the write.
 */
class NoWriteAfterDeactivationTest extends IntegrationTest {

    private static final String REDIRECT = "https://held.example.org/cb";
    private static final String PASSWORD = "held-secret-1";

    @Test
    void aHeldUsersCreateOfADeactivatedAdminCreatesNobody() throws Exception {
        Login held = adminToDeactivate();
        String username = unique("created-late");
        String body = "{\"email\":\"" + username + "@example.org\",\"name\":\"x\",\"password\":\"pw-1\","
                + "\"username\":\"" + username + "\",\"roles\":[\"admin\"]}";

        RawHttp.Answer answer = heldAcrossDeactivation(held, "/api/v1/users.create", "application/json", body);

        assertLoggedOut(answer);
        assertThat(api.get("/api/v1/users.info?username=" + username, admin).status()).isEqualTo(400);
    }

    /**
     * Two server processes on one database, as behind a round-robin proxy: the request is held on the other one while
     * this one answers the deactivation; the other one's check, in its own transaction, sees it.
     */
    @Test
    void aRequestHeldOnAnotherNodeWritesNothingAfterTheDeactivationIsAnsweredHere() throws Exception {
        ServerProcess other = ServerProcess.start("held-other-node", TestDatabase.get(),
                ServerProcess.signsIn(ADMIN, ADMIN_PASSWORD));
        try {
            Login held = adminToDeactivate();
            String username = unique("created-elsewhere");
            String body = "{\"email\":\"" + username + "@example.org\",\"name\":\"x\",\"password\":\"pw-1\","
                    + "\"username\":\"" + username + "\"}";

            RawHttp.Answer answer = heldAcrossDeactivation(other.port(), held, "/api/v1/users.create",
                    "application/json", body, held.userId());

            assertLoggedOut(answer);
            assertThat(api.get("/api/v1/users.info?username=" + username, admin).status()).isEqualTo(400);
        } finally {
            other.stop();
        }
    }

    @Test
    void aDeactivatedAdminCannotReactivateThemselvesWithAHeldRequest() throws Exception {
        Login held = adminToDeactivate();

        RawHttp.Answer answer = heldAcrossDeactivation(held, "/api/v1/users.setActiveStatus", "application/json",
                "{\"userId\":\"" + held.userId() + "\",\"activeStatus\":true}");

        assertLoggedOut(answer);
        assertThat(api.get("/api/v1/users.info?userId=" + held.userId(), admin).body().path("user")
                .path("active").asBoolean()).isFalse();
    }

    @Test
    void aHeldPersonalAccessTokenRequestMintsNoTokenForTheNextEpoch() throws Exception {
        Login held = adminToDeactivate();

        RawHttp.Answer answer = heldAcrossDeactivation(held, "/api/v1/users.generatePersonalAccessToken",
                "application/json", "{\"tokenName\":\"late\"}");

        assertLoggedOut(answer);
        assertThat(api.setActiveStatus(admin, held.userId(), true).status()).isEqualTo(200);
        Login again = api.login(usernameOf(held), PASSWORD);
        assertThat(api.get("/api/v1/users.getPersonalAccessTokens", again).body().path("tokens")).isEmpty();
    }

    @Test
    void aHeldOAuthAppCreationCreatesNoApp() throws Exception {
        Login held = adminToDeactivate();
        String name = unique("late-app");

        RawHttp.Answer answer = heldAcrossDeactivation(held, "/api/v1/oauth-apps.create", "application/json",
                "{\"name\":\"" + name + "\",\"active\":true,\"redirectUri\":\"" + REDIRECT + "\"}");

        assertLoggedOut(answer);
        assertThat(api.get("/api/v1/oauth-apps.list", admin).raw()).doesNotContain(name);
    }

    @Test
    void aHeldAuthorizationIssuesNoCode() throws Exception {
        Login held = adminToDeactivate();
        Client client = client();

        RawHttp.Answer answer = heldAcrossDeactivation(null, "/oauth/authorize", FORM, form(Map.of(
                "token", held.token(), "client_id", client.id(), "response_type", "code",
                "redirect_uri", REDIRECT, "state", "s", "allow", "yes")), held.userId());

        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.headers()).doesNotContain("code=");
    }

    @Test
    void aHeldCodeExchangeIssuesNoToken() throws Exception {
        Login held = adminToDeactivate();
        Client client = client();
        Reply authorized = api.postForm("/oauth/authorize", Map.of("token", held.token(), "client_id", client.id(),
                "response_type", "code", "redirect_uri", REDIRECT, "state", "s", "allow", "yes"));
        assertThat(authorized.status()).isEqualTo(302);
        String code = URI.create(authorized.header("Location")).getQuery().replaceAll(".*code=([^&]+).*", "$1");

        RawHttp.Answer answer = heldAcrossDeactivation(null, "/oauth/token", FORM, form(Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT)), held.userId(),
                "Authorization: Basic " + Base64.getEncoder().encodeToString(
                        (client.id() + ":" + client.secret()).getBytes(StandardCharsets.UTF_8)));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(Api.parse(answer.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(answer.body()).doesNotContain("access_token");
    }

    @Test
    void ofTwoAdminsDeactivatingEachOtherAtOnceOnlyOneSucceeds() throws Exception {
        for (int round = 0; round < 5; round++) {
            Login first = adminToDeactivate();
            Login second = adminToDeactivate();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var one = pool.submit(() -> api.setActiveStatus(first, second.userId(), false));
                var other = pool.submit(() -> api.setActiveStatus(second, first.userId(), false));
                int[] statuses = {one.get().status(), other.get().status()};

                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 401);
                boolean firstActive = api.get("/api/v1/users.info?userId=" + first.userId(), admin).body()
                        .path("user").path("active").asBoolean();
                boolean secondActive = api.get("/api/v1/users.info?userId=" + second.userId(), admin).body()
                        .path("user").path("active").asBoolean();
                assertThat(firstActive).as("the winner stays active").isEqualTo(statuses[0] == 200);
                assertThat(secondActive).isEqualTo(statuses[1] == 200);
            } finally {
                pool.shutdown();
            }
        }
    }

    private static final String FORM = "application/x-www-form-urlencoded";

    /** A second admin, signed in, whom the first admin will deactivate while their request waits for its body. */
    private Login adminToDeactivate() {
        String username = unique("held-admin");
        api.createUser(admin, username, PASSWORD, "admin");
        return api.login(username, PASSWORD);
    }

    private RawHttp.Answer heldAcrossDeactivation(Login as, String path, String contentType, String body)
            throws Exception {
        return heldAcrossDeactivation(as, path, contentType, body, as.userId());
    }

    /**
     * Sends the request's headers, lets the server authenticate them, deactivates {@code deactivatedId} (200),
     * and only then sends the body.
     */
    private RawHttp.Answer heldAcrossDeactivation(Login as, String path, String contentType, String body,
                                                  String deactivatedId, String... headers) throws Exception {
        return heldAcrossDeactivation(api.port(), as, path, contentType, body, deactivatedId, headers);
    }

    /** As above, with the request held on the server at {@code port}; the deactivation goes to this test's server. */
    private RawHttp.Answer heldAcrossDeactivation(int port, Login as, String path, String contentType, String body,
                                                  String deactivatedId, String... headers) throws Exception {
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (as != null) {
            head.append("X-User-Id: ").append(as.userId()).append("\r\nX-Auth-Token: ").append(as.token())
                    .append("\r\n");
        }
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ")
                .append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\nConnection: close\r\n\r\n");
        try (RawHttp.Held request = RawHttp.hold(port, head.toString())) {
            Thread.sleep(300); // the headers reach the server and are authenticated; the body is still to come
            assertThat(api.setActiveStatus(admin, deactivatedId, false).status()).isEqualTo(200);
            return request.complete(body);
        }
    }

    private static void assertLoggedOut(RawHttp.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(Api.parse(answer.body()).path("error").asText()).isEqualTo("You must be logged in to do this.");
    }

    private String usernameOf(Login login) {
        return api.get("/api/v1/users.info?userId=" + login.userId(), admin).text("user.username");
    }

    private record Client(String id, String secret) {
    }

    private Client client() {
        Reply app = api.post("/api/v1/oauth-apps.create", "{\"name\":\"" + unique("held-client")
                + "\",\"active\":true,\"redirectUri\":\"" + REDIRECT + "\"}", admin);
        return new Client(app.text("application.clientId"), app.text("application.clientSecret"));
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
