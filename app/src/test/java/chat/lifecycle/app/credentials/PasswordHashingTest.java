package chat.lifecycle.app.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Passwords are hashed as Rocket.Chat hashes them, bcrypt over the SHA-256 of the password, so that bytes past
 * bcrypt's 72 count; hashes stored before (bcrypt of the password itself) keep working for the passwords they can
 * tell apart.
 */
class PasswordHashingTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPasswordLongerThan72BytesNeedsEveryByte() {
        String name = unique("long");
        String first72Bytes = "p".repeat(60) + "ü".repeat(6);
        String password = first72Bytes + "ü".repeat(14);
        assertThat(password.getBytes(StandardCharsets.UTF_8)).hasSize(100);
        assertThat(first72Bytes.getBytes(StandardCharsets.UTF_8)).hasSize(72);
        api.createUser(admin, name, password);

        assertThat(login(name, first72Bytes)).as("the first 72 bytes only").isEqualTo(401);
        assertThat(login(name, first72Bytes + "x".repeat(28))).as("another tail").isEqualTo(401);
        assertThat(login(name, password)).as("the whole password").isEqualTo(200);
    }

    /** A user created before: their lookup row holds bcrypt of the password itself, as users.create stored it. */
    @Test
    void aHashStoredBeforeStillLogsInButNotWithBytesPast72() {
        String name = unique("legacy");
        String password = "q".repeat(72);
        String id = api.createUser(admin, name, "pw-replaced-1");
        jdbc.update("update user_account set password_hash = ? where id = ?",
                new BCryptPasswordEncoder(10).encode(password), id);

        assertThat(login(name, password)).isEqualTo(200);
        assertThat(login(name, password + "-and-more")).as("bytes past 72").isEqualTo(401);
        assertThat(login(name, "wrong")).isEqualTo(401);
    }

    /** Rocket.Chat's clients may send {@code {"digest": <SHA-256 hex>, "algorithm": "sha-256"}} for the password. */
    @Test
    void aClientMaySendTheSha256OfThePassword() {
        String name = unique("digest");
        String id = api.createUser(admin, name, "pw-digest-1");

        assertThat(loginWith(name, "{\"digest\":\"" + sha256("pw-digest-1") + "\",\"algorithm\":\"sha-256\"}"))
                .isEqualTo(200);
        assertThat(loginWith(name, "{\"digest\":\"" + sha256("pw-digest-2") + "\",\"algorithm\":\"sha-256\"}"))
                .isEqualTo(401);
        assertThat(loginWith(name, "{\"digest\":\"" + sha256("pw-digest-1") + "\",\"algorithm\":\"md5\"}"))
                .isEqualTo(401);
        assertThat(loginWith(name, "{\"digest\":\"pw-digest-1\",\"algorithm\":\"sha-256\"}")).isEqualTo(401);
        assertThat(jdbc.queryForObject("select password_hash from user_account where id = ?", String.class, id))
                .as("a new hash, marked as bcrypt of the SHA-256").startsWith("{sha256}$2a$10$");
    }

    private int login(String user, String password) {
        return api.post("/api/v1/login", Api.json("user", user, "password", password), null).status();
    }

    private int loginWith(String user, String passwordJson) {
        return api.post("/api/v1/login", "{\"user\":\"" + user + "\",\"password\":" + passwordJson + "}", null)
                .status();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
