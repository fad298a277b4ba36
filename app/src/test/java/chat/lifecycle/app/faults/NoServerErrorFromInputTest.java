package chat.lifecycle.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Input that used to reach the database or the servlet container unchecked and come back as a 500: malformed
 * percent-escapes, values longer than their columns, racing duplicates, instants and day counts no database holds,
 * the error page asked for by name, TRACE, a chunked form over the limit. Each is a 4xx in the contract's shape and
 * writes nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoServerErrorFromInputTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BAD_REQUEST = "{\"success\":false,\"error\":\"Bad Request\"}";

    private final StoredStatus store = new StoredStatus(TestDatabase.get());

    @Test
    void aMalformedPercentEscapeInAQueryStringIsABadRequest(CapturedOutput log) throws Exception {
        String target = api.createUser(admin, unique("escape"), "pw-escape-1");
        String signedIn = "X-User-Id: " + admin.userId() + "\r\nX-Auth-Token: " + admin.token() + "\r\n";
        String written = store.writtenByCallers();
        List<String> requests = List.of(
                get("/actuator/health?%zz", ""),
                get("/api/v1/me?access_token=%E0%A4%A", ""),
                get("/api/v1/me?%zz", signedIn),
                get("/api/v1/users.info?username=%zz", signedIn),
                get("/api/v1/users.info?userId=" + target + "&x=%4", signedIn),
                post("/api/v1/users.setActiveStatus?a=%G1", signedIn + "Content-Type: application/json\r\n",
                        "{\"userId\":\"" + target + "\",\"activeStatus\":false}"),
                post("/oauth/token?%", "Content-Type: application/x-www-form-urlencoded\r\n",
                        "grant_type=refresh_token&refresh_token=x&client_id=x&client_secret=x"));
        for (String request : requests) {
            RawHttp.Answer answer = RawHttp.send(api.port(), request);
            String what = request.lines().findFirst().orElseThrow();
            assertThat(answer.status()).as(what + " " + answer.body()).isEqualTo(400);
            assertThat(Api.parse(answer.body())).as(what).isEqualTo(Api.parse(BAD_REQUEST));
        }
        assertThat(store.writtenByCallers()).isEqualTo(written);
        assertThat(api.get("/api/v1/users.info?userId=" + target, admin).body().path("user").path("active")
                .asBoolean(false)).isTrue();
        assertThat(log.getAll()).as("nothing logged as a failure of the server").doesNotContain("URLDecoder")
                .doesNotContain("IllegalArgumentException");
    }

    @Test
    void valuesLongerThanTheirColumnsAreRefusedAndWriteNothing() {
        String written = store.writtenByCallers();
        String tooLong = "must NOT have more than 255 characters\n[invalid-params]";
        refused("/api/v1/users.create", newUser("u".repeat(256), "Name", "u256@example.org", "pw-long-1"), tooLong);
        refused("/api/v1/users.create", newUser(unique("long"), "n".repeat(256), unique("n") + "@example.org",
                "pw-long-1"), tooLong);
        refused("/api/v1/users.create", newUser(unique("long"), "Name", "e".repeat(309) + "@example.org",
                "pw-long-1"), "must NOT have more than 320 characters\n[invalid-params]");
        refused("/api/v1/users.generatePersonalAccessToken", Api.json("tokenName", "t".repeat(256)), tooLong);
        refused("/api/v1/oauth-apps.create", app("a".repeat(256), "https://client.example.org/cb"), tooLong);
        refused("/api/v1/oauth-apps.create", app("long", "https://client.example.org/" + "c".repeat(1975)),
                "Invalid redirectUri [error-invalid-redirectUri]");
        refused("/api/v1/oauth-apps.create", app("long", ("https://client.example.org/" + "c".repeat(1000) + ",")
                .repeat(4)), "must NOT have more than 4000 characters\n[invalid-params]");
        refused("/api/v1/channels.create", Api.json("name", "r".repeat(256)), tooLong);
        refused("/api/v1/groups.create", Api.json("name", "r".repeat(256)), tooLong);
        assertThat(store.writtenByCallers()).as("events and lookups written by refused requests").isEqualTo(written);

        String username = longest(unique("x"), 255);
        String email = longest(unique("e"), 320 - "@example.org".length()) + "@example.org";
        Reply created = api.post("/api/v1/users.create", newUser(username, "n".repeat(255), email, "p".repeat(72)),
                admin);
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        assertThat(api.login(username, "p".repeat(72)).userId()).isEqualTo(created.text("user._id"));
        Reply token = api.post("/api/v1/users.generatePersonalAccessToken",
                Api.json("tokenName", longest(unique("t"), 255)), admin);
        assertThat(token.status()).as(token.raw()).isEqualTo(200);
        Reply oauthApp = api.post("/api/v1/oauth-apps.create", app("a".repeat(255), "https://client.example.org/"
                + "c".repeat(2000 - 27)), admin);
        assertThat(oauthApp.status()).as(oauthApp.raw()).isEqualTo(200);
        Reply channel = api.post("/api/v1/channels.create", Api.json("name", longest(unique("r"), 255)), admin);
        assertThat(channel.status()).as(channel.raw()).isEqualTo(200);
    }

    @Test
    void racingCreationsOfOneUsernameOrEmailAreRefusedLikeASequentialDuplicate() throws Exception {
        String username = unique("racer");
        List<Reply> sameName = race(i -> newUser(username, "Racer", username + "-" + i + "@example.org", "pw-1"));
        Reply sequential = api.post("/api/v1/users.create", newUser(username, "Racer", username + "-x@example.org",
                "pw-1"), admin);
        assertThat(sequential.status()).isEqualTo(400);
        assertOneWinner(sameName, sequential);
        assertThat(createdEvents("username", username)).isEqualTo(1);

        String email = unique("shared") + "@example.org";
        List<Reply> sameEmail = race(i -> newUser(unique("racer") + "-" + i, "Racer", email, "pw-1"));
        Reply sequentialEmail = api.post("/api/v1/users.create", newUser(unique("racer"), "Racer", email, "pw-1"),
                admin);
        assertThat(sequentialEmail.status()).isEqualTo(400);
        assertOneWinner(sameEmail, sequentialEmail);
        assertThat(createdEvents("email", email)).isEqualTo(1);
    }

    @Test
    void anInstantNoDatabaseHoldsIsNotADateTime() {
        String dateTime = "must match format \"date-time\"\n[invalid-params]";
        for (String at : List.of("%2B999999999-12-31T00:00:00Z", "-999999999-01-01T00:00:00Z",
                "%2B10000-01-01T00:00:00Z", "+999999999-12-31T00:00:00Z")) {
            Reply reply = api.get("/api/v1/users.statusHistory?userId=" + admin.userId() + "&at=" + at, admin);
            assertThat(reply.status()).as(at + ": " + reply.raw()).isEqualTo(400);
            assertThat(reply.text("error")).as(at).isEqualTo(dateTime);
        }
        Reply farFuture = api.get("/api/v1/users.statusHistory?userId=" + admin.userId()
                + "&at=9999-12-31T23:59:59Z", admin);
        assertThat(farFuture.status()).as(farFuture.raw()).isEqualTo(200);
        assertThat(farFuture.body().path("active").asBoolean(false)).isTrue();
    }

    @Test
    void moreIdleDaysThanAnyCalendarHoldsAreRefused() {
        String written = store.writtenByCallers();
        // 2^64 + 1 wrapped around to 1 day when read as a long
        for (String days : List.of("99999999999", "99999999999999999999", "18446744073709551617", "36501", "1e20")) {
            Reply reply = api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":" + days + "}", admin);
            assertThat(reply.status()).as(days + ": " + reply.raw()).isEqualTo(400);
            assertThat(reply.text("error")).as(days).isEqualTo("must be <= 36500\n[invalid-params]");
        }
        assertThat(store.writtenByCallers()).isEqualTo(written);
        Reply century = api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":36500}", admin);
        assertThat(century.status()).as(century.raw()).isEqualTo(200);
        assertThat(century.body().path("count").asInt(-1)).isZero();
    }

    @Test
    void theErrorPageAskedForByNameIsNotFound() throws Exception {
        String notFound = "{\"success\":false,\"error\":\"Not found\"}";
        for (Reply reply : List.of(api.get("/error", null), api.get("/error", admin),
                api.post("/error", "{}", admin), api.get("/error?x=1", admin))) {
            assertThat(reply.status()).as(reply.raw()).isEqualTo(404);
            assertThat(reply.body()).isEqualTo(Api.parse(notFound));
        }
    }

    @Test
    void traceIsNotAllowedAndEchoesNothing() throws Exception {
        for (String path : List.of("/api/v1/me", "/actuator/health", "/", "/api/v1/login", "/error")) {
            RawHttp.Answer answer = RawHttp.send(api.port(), "TRACE " + path + " HTTP/1.1\r\nHost: x\r\nX-User-Id: "
                    + admin.userId() + "\r\nX-Auth-Token: " + admin.token() + "\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).as("TRACE " + path).isEqualTo(405);
            assertThat(Api.parse(answer.body())).as("TRACE " + path)
                    .isEqualTo(Api.parse("{\"success\":false,\"error\":\"Method Not Allowed\"}"));
            assertThat(answer.body()).doesNotContain(admin.token());
        }
    }

    @Test
    void aChunkedFormOverTheLimitAtTheTokenEndpointIsTooLarge() throws Exception {
        byte[] form = ("grant_type=refresh_token&refresh_token=x&client_id=x&client_secret=x&pad="
                + "a".repeat(1024 * 1024)).getBytes(StandardCharsets.US_ASCII);
        for (String path : List.of("/oauth/token", "/oauth/authorize")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                    .version(HttpClient.Version.HTTP_1_1).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))).build();
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(413);
            ErrorBodies.assertContractShaped(path, answer.body());
        }
    }

    private void refused(String path, String body, String error) {
        Reply reply = api.post(path, body, admin);
        assertThat(reply.status()).as(path + " " + ErrorBodies.abbreviate(body) + " -> " + reply.raw())
                .isEqualTo(400);
        ErrorBodies.assertContractShaped(path, reply.raw());
        assertThat(reply.text("error")).as(path).isEqualTo(error);
    }

    /** Eight identical requests at once; their answers. */
    private List<Reply> race(IntFunction<String> body) throws Exception {
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String json = body.apply(i);
                replies.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/v1/users.create", json, admin);
                }));
            }
            start.countDown();
            List<Reply> answers = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                answers.add(reply.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertOneWinner(List<Reply> replies, Reply sequentialDuplicate) {
        List<String> answers = replies.stream().map(reply -> reply.status() + " " + reply.raw()).toList();
        assertThat(replies.stream().filter(reply -> reply.status() == 200)).as("%s", answers).hasSize(1);
        for (Reply reply : replies) {
            if (reply.status() != 200) {
                assertThat(reply.status()).as("%s", answers).isEqualTo(400);
                assertThat(reply.body()).as("%s", answers).isEqualTo(sequentialDuplicate.body());
            }
        }
    }

    private long createdEvents(String field, String value) {
        return store.count("select count(*) from domain_event_entry where payload_type = ? "
                + "and convert_from(payload, 'UTF8')::json ->> '" + field + "' = ?",
                "chat.lifecycle.events.user.UserCreated", value);
    }

    private static String get(String path, String headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "Connection: close\r\n\r\n";
    }

    private static String post(String path, String headers, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + headers + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    /** {@code prefix} padded to {@code length} characters. */
    private static String longest(String prefix, int length) {
        return (prefix + "z".repeat(length)).substring(0, length);
    }

    private static String newUser(String username, String name, String email, String password) {
        return Api.json("email", email, "name", name, "password", password, "username", username);
    }

    private static String app(String name, String redirectUri) {
        return "{\"name\":\"" + name + "\",\"active\":true,\"redirectUri\":\"" + redirectUri + "\"}";
    }
}
