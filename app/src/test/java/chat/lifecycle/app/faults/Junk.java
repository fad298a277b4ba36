package chat.lifecycle.app.faults;

import java.util.List;
import java.util.Random;

/**
 * Strings no stored id, name or token can equal, from a seeded generator: emoji and ZWJ sequences, right-to-left
 * overrides, combining marks, zero-width and byte-order marks, lone surrogates, U+0000, injection payloads, and
 * now and then a very long one. Each starts with a character outside Rocket.Chat's name rule
 * ({@code [0-9a-zA-Z-_.]}) and none holds an {@code @}, so none is a valid username, room name or email either.
 */
final class Junk {

    private static final List<String> PIECES = List.of(
            "🙂", "👩‍👩‍👧", "\u202Eevil\u202C", "مرحبا", "שלום", "é", "e\u0301", "\u200B", "\uFEFF", "\uD800",
            "\uDFFF", "\u0000", "\u0007", " ", "\t", "\r\n", "<script>alert(1)</script>",
            "'; drop table user_account; --",
            "../../etc/passwd", "%00", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "\\", "\"", "{\"$ne\":null}", "null",
            "true", "0", "-1", "NaN", "Infinity", "ａｄｍｉｎ", "ADMIN", "admin\u0000", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "a", "Z", "9", "_");
    /** A start no name rule or URI scheme accepts, and that trimming leaves in place. */
    private static final List<String> STARTS = List.of("🙂", "\u202E", "é", "\u200B", "\uD800", "<", "\"", "ａ", "%",
            "{");
    private static final String ASCII = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/=!*'()";

    private final Random random;

    Junk(Random random) {
        this.random = random;
    }

    /** Mostly short; one in twenty is tens of thousands of characters long (for bodies, far below 1 MiB). */
    String string() {
        return string(random.nextInt(20) == 0 ? 2_000 + random.nextInt(4_000) : 1 + random.nextInt(6));
    }

    /** A few pieces only: for query strings and paths, which the server caps at 8 KB with the headers. */
    String shortString() {
        return string(1 + random.nextInt(6));
    }

    private String string(int pieces) {
        StringBuilder text = new StringBuilder(pick(STARTS));
        for (int i = 0; i < pieces; i++) {
            text.append(pick(PIECES));
        }
        return text.toString().replace("@", "");
    }

    /** Junk that is not a URI at all: it holds a space and starts with no scheme. */
    String uri() {
        return "é " + string();
    }

    /** Nothing but ASCII whitespace, which a name is trimmed of. */
    String blank() {
        return pick(List.of(" ", "\t", "  \n ", "\r", "\t \t"));
    }

    /** A printable ASCII token an HTTP client may put in a header, 1 to 300 characters, or one of a few classics. */
    String headerToken() {
        if (random.nextInt(4) == 0) {
            return pick(List.of("null", "undefined", "' or '1'='1", "Bearer x", "../", "*", "0", "%00", "true"));
        }
        int length = random.nextInt(10) == 0 ? 2_000 + random.nextInt(2_000) : 1 + random.nextInt(300);
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < length; i++) {
            token.append(ASCII.charAt(random.nextInt(ASCII.length())));
        }
        return token.toString();
    }

    /** The token with one character changed: the same length, never the same token. */
    String mutated(String token) {
        int at = random.nextInt(token.length());
        char replacement;
        do {
            replacement = ASCII.charAt(random.nextInt(62));
        } while (replacement == token.charAt(at));
        return token.substring(0, at) + replacement + token.substring(at + 1);
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
