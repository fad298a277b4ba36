package chat.lifecycle.command.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Makes secrets and the one-way hashes stored in their place. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz";

    private Tokens() {
    }

    /** A new secret: 256 random bits, URL-safe Base64 (43 characters, like Rocket.Chat's). */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A Rocket.Chat-style id: 17 characters of an alphabet without look-alike characters. */
    public static String newId() {
        char[] id = new char[17];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length()));
        }
        return new String(id);
    }

    /** SHA-256 of the UTF-8 token, standard Base64 with padding: the only form in which a token is stored. */
    public static String hash(String token) {
        return Base64.getEncoder().encodeToString(sha256(token));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
