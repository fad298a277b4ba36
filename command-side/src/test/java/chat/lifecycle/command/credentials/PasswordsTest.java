package chat.lifecycle.command.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.command.credentials.Passwords.Password;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class PasswordsTest {

    private static final String LONG = "p".repeat(100);

    private final CountingEncoder bcrypt = new CountingEncoder();
    private final Passwords passwords = new Passwords(bcrypt);

    @Test
    void everyByteOfALongPasswordCounts() {
        String hash = passwords.hash(LONG);

        assertThat(hash).startsWith("{sha256}$2a$04$");
        assertThat(passwords.matches(plain(LONG), hash)).isTrue();
        assertThat(passwords.matches(plain(LONG.substring(0, 72)), hash)).isFalse();
        assertThat(passwords.matches(plain(LONG.substring(0, 99) + "q"), hash)).isFalse();
    }

    @Test
    void theSha256OfThePasswordMatchesToo() {
        String hash = passwords.hash("secret");
        String digest = HexFormat.of().formatHex(Tokens.sha256("secret"));

        assertThat(passwords.matches(digest(digest.toUpperCase(Locale.ROOT), "sha-256"), hash)).isTrue();
        assertThat(Password.of(json("{\"digest\":\"" + digest + "\",\"algorithm\":\"md5\"}"))).isEmpty();
        assertThat(Password.of(json("{\"digest\":\"secret\",\"algorithm\":\"sha-256\"}"))).isEmpty();
        assertThat(Password.of(json("{\"$ne\":1}"))).isEmpty();
        assertThat(Password.of(json("[\"secret\"]"))).isEmpty();
        assertThat(Password.of(null)).isEmpty();
    }

    /** A hash stored before: bcrypt of the password itself, which cannot see past 72 bytes. */
    @Test
    void anOlderHashMatchesOnlyPasswordsItCanTellApart() {
        String legacy = new BCryptPasswordEncoder(4).encode(LONG.substring(0, 72));

        assertThat(passwords.matches(plain(LONG.substring(0, 72)), legacy)).isTrue();
        assertThat(passwords.matches(plain(LONG), legacy)).as("bytes past 72").isFalse();
        assertThat(passwords.matches(plain("p".repeat(71)), legacy)).isFalse();
        assertThat(passwords.matches(
                digest(HexFormat.of().formatHex(Tokens.sha256(LONG.substring(0, 72))), "sha-256"), legacy))
                .as("a digest cannot be checked against it").isFalse();
    }

    /** The same work for an unknown user, an unusable hash and a wrong password: one bcrypt comparison each. */
    @Test
    void everyCheckCostsOneBcryptComparison() {
        String hash = passwords.hash("secret");
        String legacy = new BCryptPasswordEncoder(4).encode("secret");
        Password wrongDigest = digest("0".repeat(64), "sha-256");

        assertThat(comparisonsFor(plain("secret"), hash)).isEqualTo(1);
        assertThat(comparisonsFor(plain("wrong"), hash)).isEqualTo(1);
        assertThat(comparisonsFor(plain("wrong"), null)).as("unknown user").isEqualTo(1);
        assertThat(comparisonsFor(plain("secret"), legacy)).isEqualTo(1);
        assertThat(comparisonsFor(plain(LONG), legacy)).isEqualTo(1);
        assertThat(comparisonsFor(wrongDigest, legacy)).isEqualTo(1);
        assertThat(comparisonsFor(wrongDigest, null)).isEqualTo(1);
    }

    private int comparisonsFor(Password password, String storedHash) {
        int before = bcrypt.comparisons.get();
        passwords.matches(password, storedHash);
        return bcrypt.comparisons.get() - before;
    }

    private static Password plain(String password) {
        return Password.of(TextNode.valueOf(password)).orElseThrow();
    }

    private static Password digest(String hex, String algorithm) {
        return Password.of(json("{\"digest\":\"" + hex + "\",\"algorithm\":\"" + algorithm + "\"}")).orElseThrow();
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** bcrypt at its lowest cost, counting its comparisons: what a login's time is made of. */
    private static final class CountingEncoder implements PasswordEncoder {

        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        private final AtomicInteger comparisons = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            comparisons.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    }
}
