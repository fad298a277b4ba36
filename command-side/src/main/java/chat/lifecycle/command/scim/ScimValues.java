package chat.lifecycle.command.scim;

import chat.lifecycle.command.web.Columns;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads attribute values from SCIM requests, with the leniency identity providers need (Entra ID sends booleans as
 * {@code "False"}); a value of the wrong kind is an {@code invalidValue} error, never a server error.
 */
final class ScimValues {

    private ScimValues() {
    }

    /** A string of at most {@code maxLength} characters, without U+0000 (which PostgreSQL cannot store). */
    static String text(JsonNode value, String attribute, int maxLength) {
        if (value == null || !value.isTextual()) {
            throw ScimError.invalidValue(attribute + " must be a string");
        }
        String text = value.asText();
        if (text.length() > maxLength) {
            throw ScimError.invalidValue(attribute + " must be at most " + maxLength + " characters");
        }
        if (text.indexOf('\0') >= 0) {
            throw ScimError.invalidValue(attribute + " must not contain U+0000");
        }
        return text;
    }

    /** A string, or null for JSON null (a removal). */
    static String textOrNull(JsonNode value, String attribute, int maxLength) {
        return value == null || value.isNull() ? null : text(value, attribute, maxLength);
    }

    /** A boolean, or a string that says one in any case ({@code "False"}). */
    static boolean flag(JsonNode value, String attribute) {
        if (value != null && value.isBoolean()) {
            return value.booleanValue();
        }
        if (value != null && value.isTextual()) {
            switch (value.asText().trim().toLowerCase(Locale.ROOT)) {
                case "true" -> {
                    return true;
                }
                case "false" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw ScimError.invalidValue(attribute + " must be true or false");
    }

    /** The full name a {@code name} object gives: {@code formatted}, else given and family name; null if neither. */
    static String name(JsonNode name) {
        if (name == null || !name.isObject()) {
            return null;
        }
        if (name.hasNonNull("formatted")) {
            return text(name.get("formatted"), "name.formatted", Columns.NAME).trim();
        }
        List<String> parts = new ArrayList<>();
        for (String part : List.of("givenName", "familyName")) {
            if (name.hasNonNull(part)) {
                String text = text(name.get(part), "name." + part, Columns.NAME).trim();
                if (!text.isEmpty()) {
                    parts.add(text);
                }
            }
        }
        String joined = String.join(" ", parts);
        if (joined.length() > Columns.NAME) {
            throw ScimError.invalidValue("name must be at most " + Columns.NAME + " characters");
        }
        return parts.isEmpty() ? null : joined;
    }

    /**
     * The address of {@code emails} (the primary one, else the first), or {@code emails.value} given alone; null if
     * there is none.
     */
    static String email(JsonNode emails) {
        if (emails == null || emails.isNull()) {
            return null;
        }
        if (emails.isTextual()) {
            return text(emails, "emails.value", Columns.EMAIL).trim();
        }
        if (emails.isObject()) {
            return emails.hasNonNull("value") ? text(emails.get("value"), "emails.value", Columns.EMAIL).trim() : null;
        }
        if (!emails.isArray()) {
            throw ScimError.invalidValue("emails must be an array of {\"value\": ...}");
        }
        JsonNode chosen = null;
        for (JsonNode email : emails) {
            if (chosen == null || email.path("primary").asBoolean(false)) {
                chosen = email;
            }
        }
        return chosen == null ? null : email(chosen);
    }
}
