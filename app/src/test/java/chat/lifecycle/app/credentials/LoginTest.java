package chat.lifecycle.app.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code login}, {@code logout} and {@code me}: the credentials every other route depends on. */
class LoginTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void loginAnswersWithTheTokenAndTheUser() {
        Reply reply = api.post("/api/v1/login", Api.json("user", ADMIN, "password", ADMIN_PASSWORD), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("success");
        assertThat(reply.body().path("success").asBoolean()).isTrue();
        assertThat(reply.text("data.authToken")).hasSize(43);
        assertThat(reply.text("data.me.username")).isEqualTo(ADMIN);
        assertThat(reply.body().path("data").path("me").path("active").asBoolean()).isTrue();
        assertThat(reply.body().path("data").path("me").path("roles").toString()).contains("\"admin\"");
    }

    @Test
    void loginAcceptsUsernameEmailAndTheUserField() {
        String name = unique("carol");
        api.createUser(admin, name, "pw-carol-1");

        assertThat(api.post("/api/v1/login", Api.json("username", name, "password", "pw-carol-1"), null).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/login", Api.json("email", name + "@example.org", "password", "pw-carol-1"),
                null).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/login", Api.json("user", name + "@example.org", "password", "pw-carol-1"),
                null).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/login", Api.json("user", name.toUpperCase(), "password", "pw-carol-1"),
                null).status()).isEqualTo(200);
    }

    @Test
    void wrongCredentialsAre401Unauthorized() {
        for (String body : List.of(Api.json("user", ADMIN, "password", "wrong"),
                Api.json("user", "nobody-at-all", "password", "x"), "{}", "garbage",
                "{\"user\":\"admin\",\"password\":{\"$ne\":1}}")) {
            Reply reply = api.post("/api/v1/login", body, null);

            assertThat(reply.status()).as(body).isEqualTo(401);
            assertThat(reply.text("status")).isEqualTo("error");
            assertThat(reply.text("message")).isEqualTo("Unauthorized");
            assertThat(reply.body().has("data")).isFalse();
        }
    }

    /**
     * An unknown user costs a bcrypt comparison as a wrong password does, so the time of the answer does not tell
     * whether a user exists. Medians of interleaved calls, with a margin wide enough for a busy machine (an unknown
     * user used to be answered some twenty times faster).
     */
    @Test
    void anUnknownUserTakesAsLongAsAWrongPassword() {
        String name = unique("timed");
        api.createUser(admin, name, "pw-timed-1");
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            boolean knownFirst = i % 2 == 0;
            long first = millisToRefuse(knownFirst ? name : unique("nobody"));
            long second = millisToRefuse(knownFirst ? unique("nobody") : name);
            if (i >= 5) { // the first calls warm up
                known.add(knownFirst ? first : second);
                unknown.add(knownFirst ? second : first);
            }
        }

        double ratio = (double) median(unknown) / median(known);
        System.out.printf("LoginTest: median ms to refuse an unknown user %d, a wrong password %d%n", median(unknown),
                median(known));

        assertThat(ratio).as("median ms unknown user %s / wrong password %s", unknown, known).isBetween(0.5, 2.0);
    }

    @Test
    void anInactiveUserCannotLogIn() {
        String name = unique("dave");
        String dave = api.createUser(admin, name, "pw-dave-1");
        api.setActiveStatus(admin, dave, false);

        Reply reply = api.post("/api/v1/login", Api.json("user", name, "password", "pw-dave-1"), null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo(Api.parse("{\"success\":false,\"error\":\"error-user-is-not-activated\","
                + "\"status\":\"error\",\"details\":{\"function\":\"Accounts.validateLoginAttempt\"},"
                + "\"message\":\"User is not activated\"}"));
    }

    private long millisToRefuse(String user) {
        long start = System.nanoTime();
        Reply reply = api.post("/api/v1/login", Api.json("user", user, "password", "wrong-password"), null);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(reply.status()).isEqualTo(401);
        return millis;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return Math.max(1, sorted.get(sorted.size() / 2));
    }

    @Test
    void aWrongPasswordOfAnInactiveUserIsPlainUnauthorized() {
        String name = unique("erin");
        api.setActiveStatus(admin, api.createUser(admin, name, "pw-erin-1"), false);

        Reply reply = api.post("/api/v1/login", Api.json("user", name, "password", "wrong"), null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.text("message")).isEqualTo("Unauthorized");
    }

    @Test
    void tokensAreStoredOnlyAsSha256Hashes() throws Exception {
        Login login = api.login(ADMIN, ADMIN_PASSWORD);
        String expected = Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(login.token().getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(jdbc.queryForList("select hashed_token from login_token where user_id = ?", String.class,
                login.userId())).contains(expected).doesNotContain(login.token());
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where encode(payload, 'escape') "
                + "like ?", Integer.class, "%" + login.token() + "%")).isZero();
    }

    @Test
    void resumeAnswersWithTheSameValidToken() {
        Login login = api.login(ADMIN, ADMIN_PASSWORD);

        Reply reply = api.post("/api/v1/login", Api.json("resume", login.token()), null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("data.authToken")).isEqualTo(login.token());
        assertThat(api.post("/api/v1/login", Api.json("resume", "made-up"), null).status()).isEqualTo(401);
    }

    @Test
    void meAnswersWithTheCallersOwnUser() {
        Reply reply = api.get("/api/v1/me", admin);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("_id")).isEqualTo(admin.userId());
        assertThat(reply.text("username")).isEqualTo(ADMIN);
        assertThat(reply.body().path("success").asBoolean()).isTrue();
    }

    @Test
    void aTokenOfAnotherUserIsRefused() {
        String name = unique("frank");
        api.createUser(admin, name, "pw-frank-1");
        Login frank = api.login(name, "pw-frank-1");

        assertThat(api.get("/api/v1/me", new Login(admin.userId(), frank.token())).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", new Login(frank.userId(), "")).status()).isEqualTo(401);
    }

    @Test
    void logoutKillsOnlyTheTokenItWasCalledWith() {
        Login first = api.login(ADMIN, ADMIN_PASSWORD);
        Login second = api.login(ADMIN, ADMIN_PASSWORD);

        Reply reply = api.post("/api/v1/logout", "", first);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("data.message")).isEqualTo("You've been logged out!");
        assertThat(api.get("/api/v1/me", first).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", second).status()).isEqualTo(200);
    }
}
