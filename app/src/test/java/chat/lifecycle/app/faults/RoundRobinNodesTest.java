package chat.lifecycle.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.ServerProcess;
import chat.lifecycle.app.support.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two and three server nodes on one database, each request sent to the next node in turn as a round-robin proxy
 * sends them, one after another: whichever node last changed a user or their OAuth grants, the next command on any
 * node decides on that latest state. Sent at once to every node, commands on one user race to append at the same
 * sequence number: the losers are retried, not failed. Every answer is checked as it comes, and the wrong ones are
 * listed at the end. The nodes are this test's server and server processes of its own, started once for the class.
 */
class RoundRobinNodesTest extends IntegrationTest {

    private static final String PASSWORD = "pw-round-robin-1";
    private static final String REDIRECT = "https://client.example.org/callback";
    private static final List<ServerProcess> PROCESSES = new ArrayList<>();

    private final StoredStatus store = new StoredStatus(TestDatabase.get());
    private final List<String> wrong = new ArrayList<>();
    private List<Api> nodes;
    private int turn;

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (ServerProcess node : PROCESSES) {
            node.stop();
        }
        PROCESSES.clear();
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {2, 3})
    void alternatingTogglesAreEachAnsweredWithTheAskedStatusAndApplied(int count) throws IOException {
        useNodes(count);
        int rounds = 12;
        List<Subject> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String username = unique("round-robin");
            String id = next().createUser(admin, username, PASSWORD);
            users.add(new Subject(id, username, next().login(username, PASSWORD)));
        }

        for (int round = 0; round < rounds; round++) {
            boolean wanted = round % 2 == 1; // users start active: deactivate first
            for (Subject user : users) {
                Api node = next();
                Reply answer = node.setActiveStatus(admin, user.id, wanted);
                expect(answer.status() == 200 && answer.body().path("user").path("active").asBoolean() == wanted,
                        "setActiveStatus " + wanted + " of " + user.username + " on " + node.port(), answer);
                if (wanted) {
                    // a node that last saw the user inactive must not refuse the login
                    Api loginNode = next();
                    Reply login = loginNode.post("/api/v1/login", Api.json("user", user.username, "password",
                            PASSWORD), null);
                    expect(login.status() == 200, "login of reactivated " + user.username + " on "
                            + loginNode.port(), login);
                    if (login.status() == 200) {
                        user.login = new Login(login.text("data.userId"), login.text("data.authToken"));
                    }
                }
                Api checker = next();
                Reply me = checker.get("/api/v1/me", user.login);
                expect(me.status() == (wanted ? 200 : 401), "the token of " + user.username + " (active "
                        + wanted + ") on " + checker.port(), me);
            }
        }

        assertNoWrongAnswers();
        boolean last = (rounds - 1) % 2 == 1;
        for (Subject user : users) {
            List<Boolean> changes = store.changesOf(user.id);
            List<Boolean> expected = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                expected.add(round % 2 == 1);
            }
            assertThat(changes).as("stored status changes of %s: one per toggle, none lost", user.username)
                    .isEqualTo(expected);
            assertThat(store.lookup().get(user.id)).as("the lookup of %s", user.username).isEqualTo(last);
            assertThat(store.readModel().get(user.id)).as("the read model of %s", user.username).isEqualTo(last);
        }
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {2, 3})
    void togglesOfOneUserSentAtOnceToEveryNodeAreEachAnsweredAndApplied(int count) throws Exception {
        useNodes(count);
        String username = unique("round-robin-race");
        String id = next().createUser(admin, username, PASSWORD);
        int clientsPerNode = 3;
        int togglesPerClient = 12;

        ExecutorService clients = Executors.newFixedThreadPool(count * clientsPerNode);
        try {
            List<Future<List<String>>> answers = new ArrayList<>();
            for (int client = 0; client < count * clientsPerNode; client++) {
                Api node = nodes.get(client % count);
                int first = client;
                answers.add(clients.submit(() -> {
                    List<String> wrongHere = new ArrayList<>();
                    for (int i = 0; i < togglesPerClient; i++) {
                        boolean wanted = (first + i) % 2 == 1;
                        // a command that changed nothing answers the status as it is by then, which a command
                        // on another node may have moved since: only the answer's shape is certain
                        Reply answer = node.setActiveStatus(admin, id, wanted);
                        if (answer.status() != 200 || !answer.body().path("success").asBoolean()
                                || !id.equals(answer.body().path("user").path("_id").asText())
                                || !answer.body().path("user").path("active").isBoolean()) {
                            wrongHere.add("setActiveStatus " + wanted + " on " + node.port() + ": "
                                    + answer.status() + " " + answer.raw());
                        }
                    }
                    return wrongHere;
                }));
            }
            for (Future<List<String>> answer : answers) {
                wrong.addAll(answer.get(2, TimeUnit.MINUTES));
            }
        } finally {
            clients.shutdownNow();
        }

        assertNoWrongAnswers();
        List<Boolean> changes = store.changesOf(id);
        assertThat(changes).as("stored status changes").isNotEmpty();
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i)).as("change %d of %s, after %s", i, changes, changes.get(i - 1))
                    .isNotEqualTo(changes.get(i - 1));
        }
        boolean last = changes.get(changes.size() - 1);
        assertThat(store.lookup().get(id)).as("the lookup").isEqualTo(last);
        assertThat(store.readModel().get(id)).as("the read model").isEqualTo(last);
        System.out.printf("%d nodes: %d stored changes, %d retried conflicts on the second node%n", count,
                changes.size(), retriesLogged(PROCESSES.get(0)));
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {2, 3})
    void aLogoutOnOneNodeEndsTheTokenOnEveryNode(int count) throws IOException {
        useNodes(count);
        String username = unique("round-robin-logout");
        next().createUser(admin, username, PASSWORD);

        for (int round = 0; round < 3 * count; round++) {
            Api a = nodes.get(round % count);
            Api b = nodes.get((round + 1) % count);
            Api c = nodes.get((round + 2) % count);
            Reply login = a.post("/api/v1/login", Api.json("user", username, "password", PASSWORD), null);
            expect(login.status() == 200, "login on " + a.port(), login);
            if (login.status() != 200) {
                continue;
            }
            Login token = new Login(login.text("data.userId"), login.text("data.authToken"));
            expect(b.get("/api/v1/me", token).status() == 200, "the new token on " + b.port(), login);
            Reply logout = b.post("/api/v1/logout", "{}", token);
            expect(logout.status() == 200, "logout on " + b.port(), logout);
            for (Api node : List.of(a, c)) {
                Reply me = node.get("/api/v1/me", token);
                expect(me.status() == 401, "the token after logout, on " + node.port(), me);
            }
        }

        assertNoWrongAnswers();
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {2, 3})
    void anOAuthCodeIssuedOnOneNodeIsRedeemedOnAnotherAndRefreshedOnAThird(int count) throws IOException {
        useNodes(count);
        Reply app = next().post("/api/v1/oauth-apps.create", "{\"name\":\"" + unique("round-robin-app")
                + "\",\"active\":true,\"redirectUri\":\"" + REDIRECT + "\"}", admin);
        assertThat(app.status()).as(app.raw()).isEqualTo(200);
        OAuthClient client = new OAuthClient(app.text("application.clientId"), app.text("application.clientSecret"));
        String username = unique("round-robin-oauth");
        next().createUser(admin, username, PASSWORD);
        Login user = next().login(username, PASSWORD);

        for (int round = 0; round < 3 * count; round++) {
            Api issuer = nodes.get(round % count);
            Api redeemer = nodes.get((round + 1) % count);
            Api refresher = nodes.get((round + 2) % count);
            Reply authorized = issuer.postForm("/oauth/authorize", Map.of("token", user.token(), "client_id",
                    client.id, "response_type", "code", "redirect_uri", REDIRECT, "allow", "yes"));
            expect(authorized.status() == 302, "authorize on " + issuer.port(), authorized);
            if (authorized.status() != 302) {
                continue;
            }
            String code = query(authorized.header("Location")).get("code");
            Reply tokens = client.token(redeemer, Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", REDIRECT));
            expect(tokens.status() == 200, "the code issued on " + issuer.port() + " redeemed on "
                    + redeemer.port(), tokens);
            if (tokens.status() != 200) {
                continue;
            }
            Reply refreshed = client.token(refresher, Map.of("grant_type", "refresh_token", "refresh_token",
                    tokens.text("refresh_token")));
            expect(refreshed.status() == 200, "the refresh token redeemed on " + refresher.port(), refreshed);
            Reply oldAccess = bearer(issuer, tokens.text("access_token"));
            expect(oldAccess.status() == 401, "the access token replaced by the refresh, on " + issuer.port(),
                    oldAccess);
            if (refreshed.status() == 200) {
                Reply newAccess = bearer(redeemer, refreshed.text("access_token"));
                expect(newAccess.status() == 200, "the refreshed access token on " + redeemer.port(), newAccess);
            }
        }

        assertNoWrongAnswers();
    }

    private static final class Subject {
        final String id;
        final String username;
        Login login;

        Subject(String id, String username, Login login) {
            this.id = id;
            this.username = username;
            this.login = login;
        }
    }

    private record OAuthClient(String id, String secret) {

        Reply token(Api node, Map<String, String> fields) {
            Map<String, String> form = new HashMap<>(fields);
            form.put("client_id", id);
            form.put("client_secret", secret);
            return node.postForm("/oauth/token", form);
        }
    }

    /** This test's server and {@code count - 1} server processes; the processes are started on first need. */
    private void useNodes(int count) throws IOException {
        while (PROCESSES.size() < count - 1) {
            PROCESSES.add(ServerProcess.start("round-robin-node-" + (PROCESSES.size() + 2), TestDatabase.get(),
                    ServerProcess.signsIn(ADMIN, ADMIN_PASSWORD)));
        }
        nodes = new ArrayList<>(List.of(api));
        PROCESSES.subList(0, count - 1).forEach(process -> nodes.add(new Api(process.port())));
    }

    /** The node whose turn it is. */
    private Api next() {
        return nodes.get(turn++ % nodes.size());
    }

    private void expect(boolean right, String what, Reply reply) {
        if (!right) {
            wrong.add(what + ": " + reply.status() + " " + reply.raw());
        }
    }

    private void assertNoWrongAnswers() {
        assertThat(wrong).as("wrong answers (%d)", wrong.size()).isEmpty();
    }

    /** The commands the node retried after a conflict, by Axon's retry log line. */
    private static long retriesLogged(ServerProcess node) throws IOException {
        try (var lines = Files.lines(node.log().toPath())) {
            return lines.filter(line -> line.contains("Will retry")).count();
        }
    }

    private static Reply bearer(Api node, String accessToken) {
        return node.getWith("/api/v1/me", "Authorization", "Bearer " + accessToken);
    }

    private static Map<String, String> query(String location) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
