package chat.lifecycle.command.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Password hashes as Rocket.Chat makes them: bcrypt over the SHA-256 of the password (lower-case hex), so that every
 * byte of a password counts, not only bcrypt's first 72. They are stored marked with {@value #SHA256_BCRYPT}. A hash
 * without the mark was stored before, and lives on in {@code UserCreated} events: bcrypt of the password itself,
 * which cannot tell apart passwords that share their first 72 bytes, so it is checked only for passwords of at most
 * 72 bytes (users.create could not store a longer one).
 *
 * <p>Every check costs one bcrypt comparison, whether or not there is a user, or a hash the password can match: an
 * unknown user costs what a wrong password costs, and the time of an answer does not tell whether a user exists.
 */
@Component
public class Passwords {

    static final String SHA256_BCRYPT = "{sha256}";
    private static final int BCRYPT_MAX_BYTES = 72;

    private final PasswordEncoder bcrypt;
    /** Compared against when there is nothing to compare with; made by the same encoder, so it costs the same. */
    private final String dummyHash;

    public Passwords(PasswordEncoder bcrypt) {
        this.bcrypt = bcrypt;
        this.dummyHash = bcrypt.encode(sha256Hex(Tokens.newSecret()));
    }

    public String hash(String password) {
        return SHA256_BCRYPT + bcrypt.encode(sha256Hex(password));
    }

    /** Whether the password matches the stored hash; {@code storedHash} is null for an unknown user. */
    public boolean matches(Password password, String storedHash) {
        if (storedHash != null && storedHash.startsWith(SHA256_BCRYPT)) {
            return bcrypt.matches(password.sha256(), storedHash.substring(SHA256_BCRYPT.length()));
        }
        if (storedHash != null && password.plain() != null
                && password.plain().getBytes(StandardCharsets.UTF_8).length <= BCRYPT_MAX_BYTES) {
            return bcrypt.matches(password.plain(), storedHash);
        }
        bcrypt.matches(password.sha256(), dummyHash);
        return false;
    }

    private static String sha256Hex(String text) {
        return HexFormat.of().formatHex(Tokens.sha256(text));
    }

    /**
     * A password as a login gives it: the password itself ({@code plain}), or only its SHA-256 as Rocket.Chat's
     * clients may send it, {@code {"digest": "<hex>", "algorithm": "sha-256"}} ({@code plain} null).
     */
    public record Password(String plain, String sha256) {

        private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

        /** Empty when the value is neither form. */
        public static Optional<Password> of(JsonNode value) {
            if (value != null && value.isTextual()) {
                return Optional.of(new Password(value.textValue(), sha256Hex(value.textValue())));
            }
            if (value != null && value.isObject() && "sha-256".equals(value.path("algorithm").textValue())
                    && value.path("digest").isTextual() && HEX_SHA256.matcher(value.get("digest").textValue())
                    .matches()) {
                return Optional.of(new Password(null, value.get("digest").textValue().toLowerCase(Locale.ROOT)));
            }
            return Optional.empty();
        }
    }
}
