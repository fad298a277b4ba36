package chat.lifecycle.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.faults.BadRequests.BadRequest;
import chat.lifecycle.app.faults.BadRequests.Shape;
import chat.lifecycle.app.faults.BadRequests.World;
import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Thousands of requests the server must refuse, from a seeded generator ({@link BadRequests}) over every route:
 * malformed JSON, wrong types, missing and unknown fields, emoji, right-to-left overrides, U+0000, lone
 * surrogates, very long strings, forged credentials of every kind, wrong methods; then bodies over the 1 MiB limit,
 * and, over a bare socket, header injection that no HTTP client would send. Every answer is a 4xx in the contract's
 * shape, no body shows the server's internals, nothing is written, and the server still works afterwards.
 */
class BadInputAtVolumeTest extends IntegrationTest {

    private static final long SEED = Long.getLong("faults.seed", 20261127L);
    private static final int REQUESTS = 3_000;
    private static final int LIMIT = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final StoredStatus store = new StoredStatus(TestDatabase.get());

    @Test
    void aStormOfBadRequestsIsRefusedWithContractShapedErrorsAndWritesNothing() throws Exception {
        World world = world();
        String before = store.writtenByCallers();
        System.out.println("BadInputAtVolumeTest seed: " + SEED + " (-Dfaults.seed=... to change)");
        List<BadRequest> requests = new ArrayList<>(new BadRequests(SEED, world, SPLIT).generate(REQUESTS));
        requests.addAll(oversized(world));

        List<String> failures = sendAll(requests);
        failures.addAll(rawSocketInjections(world));

        assertThat(failures).as("refusals that broke the contract (%d requests, seed %d)", requests.size(), SEED)
                .isEmpty();
        assertThat(store.writtenByCallers()).as("events and lookups written by callers").isEqualTo(before);
        Reply info = api.get("/api/v1/users.info?userId=" + world.userId(), admin);
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.body().path("user").path("active").asBoolean(false)).isTrue();
        assertThat(api.setActiveStatus(admin, world.userId(), false).status()).as("a valid write afterwards")
                .isEqualTo(200);
    }

    /** A user, a channel, a private group and an OAuth app for the requests to aim at. */
    private World world() {
        String username = unique("target");
        String userId = api.createUser(admin, username, "pw-target-1");
        String channel = api.post("/api/v1/channels.create", Api.json("name", unique("storm-c")), admin)
                .text("channel._id");
        String group = api.post("/api/v1/groups.create", Api.json("name", unique("storm-p")), admin)
                .text("group._id");
        String app = api.post("/api/v1/oauth-apps.create", "{\"name\":\"storm\",\"active\":true,"
                + "\"redirectUri\":\"https://client.example.org/cb\"}", admin).text("application._id");
        return new World(admin, userId, username, channel, group, app);
    }

    /**
     * Bodies just over the limit, declared or chunked, signed in or not, each a valid request had it been smaller;
     * and bodies of exactly 1 MiB, which are not too large (and fail validation instead).
     */
    private List<BadRequest> oversized(World world) {
        List<String> signedIn = List.of("X-User-Id", admin.userId(), "X-Auth-Token", admin.token(), "Content-Type",
                "application/json");
        String deactivate = "{\"userId\":\"" + world.userId() + "\",\"activeStatus\":false}";
        String create = "{\"email\":\"big@example.org\",\"name\":\"Big\",\"password\":\"pw-big-1\","
                + "\"username\":\"big\"}";
        String notBoolean = "{\"userId\":\"" + world.userId() + "\",\"activeStatus\":\"maybe\"}";
        return List.of(
                big("declared, signed in", "/api/v1/users.setActiveStatus", signedIn, deactivate, LIMIT + 1, false,
                        413),
                big("declared, no credentials", "/api/v1/users.create", List.of("Content-Type", "application/json"),
                        create, LIMIT + 1_000, false, 413),
                big("declared, forged token", "/api/v1/channels.create", List.of("X-User-Id", admin.userId(),
                        "X-Auth-Token", "forged"), "{\"name\":\"big-room\"}", LIMIT + 512 * 1024, false, 413),
                big("chunked, signed in", "/api/v1/users.setActiveStatus", signedIn, deactivate, LIMIT + 1, true, 413),
                big("chunked, signed in", "/api/v1/users.create", signedIn, create, LIMIT + 100_000, true, 413),
                big("exactly the limit", "/api/v1/users.setActiveStatus", signedIn, notBoolean, LIMIT, false, 400),
                big("exactly the limit, chunked", "/api/v1/users.setActiveStatus", signedIn, notBoolean, LIMIT, true,
                        400));
    }

    private static BadRequest big(String label, String path, List<String> headers, String json, int size,
                                  boolean chunked, int status) {
        byte[] body = new byte[size];
        byte[] start = json.getBytes(StandardCharsets.UTF_8);
        java.util.Arrays.fill(body, (byte) ' ');
        System.arraycopy(start, 0, body, 0, start.length);
        return new BadRequest(size + " bytes, " + label + ": POST " + path, "POST", path, headers, body, chunked,
                status, Shape.CONTRACT);
    }

    private List<String> sendAll(List<BadRequest> requests) throws InterruptedException {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (BadRequest request : requests) {
                pool.execute(() -> {
                    try {
                        check(request, send(request)).ifPresent(failures::add);
                    } catch (IOException | RuntimeException e) {
                        failures.add(request.label() + ": no answer: " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(3, TimeUnit.MINUTES)).as("the storm ends").isTrue();
        }
        return failures;
    }

    private HttpResponse<String> send(BadRequest request) throws IOException, InterruptedException {
        BodyPublisher body = request.body() == null ? BodyPublishers.noBody()
                : request.chunked() ? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()))
                : BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port()
                + request.path())).timeout(Duration.ofSeconds(30)).method(request.method(), body);
        for (int i = 0; i < request.headers().size(); i += 2) {
            builder.header(request.headers().get(i), request.headers().get(i + 1));
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static java.util.Optional<String> check(BadRequest request, HttpResponse<String> response) {
        return check(request.label(), request.status(), request.shape(), response.statusCode(), response.body());
    }

    /** What is wrong with an answer, if anything. */
    private static java.util.Optional<String> check(String label, int expected, Shape shape, int status, String body) {
        String answer = " -> " + status + " " + ErrorBodies.abbreviate(body);
        if (status < 400 || status > 499 || (expected != 0 && status != expected)) {
            return java.util.Optional.of(label + answer + " (wanted " + (expected == 0 ? "a 4xx" : expected) + ")");
        }
        try {
            if (shape == Shape.CONTRACT) {
                ErrorBodies.assertContractShaped(label, body);
            } else {
                ErrorBodies.assertErrorObject(label, body);
            }
            if (status == 401 && shape == Shape.CONTRACT) {
                assertThat(Api.parse(body)).as(label).isEqualTo(Api.parse(BadRequests.unauthorizedBody()));
            }
            return java.util.Optional.empty();
        } catch (AssertionError wrongBody) {
            return java.util.Optional.of(label + answer + ": " + wrongBody.getMessage());
        }
    }

    /**
     * Requests the HTTP client refuses to send: CR, LF or NUL inside header values, a folded header, repeated or
     * conflicting lengths, control characters in the request line, raw UTF-8 in a token, a header over 8 KB. Each
     * carries a forged or broken credential, so none may pass.
     */
    private List<String> rawSocketInjections(World world) throws IOException {
        String id = admin.userId();
        String token = admin.token();
        String close = "Connection: close\r\n\r\n";
        List<String> requests = List.of(
                "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-User-Id: " + id + "\r\nX-Auth-Token: x\rX-Auth-Token: "
                        + token + "\r\n" + close,
                "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-User-Id: " + id + "\r\nX-Auth-Token: " + token
                        + "\u0000\r\n" + close,
                "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-User-Id: " + id + "\r\n X-Auth-Token: " + token + "\r\n"
                        + close,
                "POST /api/v1/users.setActiveStatus HTTP/1.1\r\nHost: x\r\nX-User-Id: " + id
                        + "\r\nX-Auth-Token: forged"
                        + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 60\r\n" + close
                        + "{\"userId\":\"" + world.userId() + "\",\"activeStatus\":false}",
                "POST /api/v1/users.setActiveStatus HTTP/1.1\r\nHost: x\r\nX-User-Id: " + id
                        + "\r\nX-Auth-Token: forged"
                        + "\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n"
                        + close + "0\r\n\r\n",
                "GET /api/v1/users.info?userId=\u0001 HTTP/1.1\r\nHost: x\r\nX-User-Id: " + id + "\r\nX-Auth-Token: "
                        + token + "\r\n" + close,
                "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-User-Id: " + id + "\r\nX-Auth-Token: "
                        + new String("tökén-🙂".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) + "\r\n"
                        + close,
                "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-User-Id: " + id + "\r\nX-Auth-Token: " + "A".repeat(10_000)
                        + "\r\n" + close,
                "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-User-Id: " + id + "\r\nX-Correlation-Id: a\r\nSet-Cookie: b"
                        + "\r\nX-Auth-Token: " + junkToken(token) + "\r\n" + close,
                "G\u0000T /api/v1/me HTTP/1.1\r\nHost: x\r\n" + close,
                "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-User\u0000-Id: " + id + "\r\nX-Auth-Token: " + token + "\r\n"
                        + close);
        List<String> failures = new ArrayList<>();
        for (String request : requests) {
            String label = "raw " + ErrorBodies.abbreviate(request.replace("\r", "\\r").replace("\n", "\\n")
                    .replace("\u0000", "\\0"));
            RawHttp.Answer answer = RawHttp.send(api.port(), request);
            check(label, 0, Shape.CONTRACT, answer.status(), answer.body()).ifPresent(failures::add);
            if (answer.headers().toLowerCase(java.util.Locale.ROOT).contains("set-cookie")) {
                failures.add(label + ": a header made it into the answer: " + answer.headers());
            }
        }
        return failures;
    }

    private static String junkToken(String token) {
        return token.substring(1) + "x";
    }
}
