package chat.lifecycle.command.web;

import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.platform.web.NulInText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flat JSON object schema checked the way Rocket.Chat's ajv validator checks request bodies, so the messages
 * match word for word: type coercion ({@code "true"}, {@code 1} and {@code null} to booleans, numbers to strings,
 * numeric strings to integers),
 * then the first failing rule in ajv's order: required properties, additional properties, property types and
 * lengths.
 */
public final class BodySchema {

    public enum Type { STRING, BOOLEAN, INTEGER, STRING_ARRAY, OBJECT }

    /** {@code maxLength} 0: unbounded. */
    private record Property(Type type, boolean nullable, int maxLength) {
    }

    private final Map<String, Property> properties = new LinkedHashMap<>();
    private final List<String> required = new ArrayList<>();

    private BodySchema() {
    }

    public static BodySchema object() {
        return new BodySchema();
    }

    public BodySchema required(String name, Type type) {
        return required(name, type, 0);
    }

    /**
     * A required string stored in a column of {@code maxLength} characters: longer is refused here, in ajv's words,
     * rather than by the database. Characters are UTF-16 units, as H2 counts them (PostgreSQL counts code points,
     * never more).
     */
    public BodySchema required(String name, Type type, int maxLength) {
        properties.put(name, new Property(type, false, maxLength));
        required.add(name);
        return this;
    }

    public BodySchema optional(String name, Type type) {
        properties.put(name, new Property(type, false, 0));
        return this;
    }

    /** Optional, and {@code null} is kept as null instead of being coerced. */
    public BodySchema nullable(String name, Type type) {
        properties.put(name, new Property(type, true, 0));
        return this;
    }

    /** The coerced values of the properties present, or {@link ApiException#invalidParams} for the first failure. */
    public Values validate(ObjectNode body) {
        for (String name : required) {
            if (!body.has(name)) {
                throw ApiException.invalidParams(List.of("must have required property '" + name + "'"));
            }
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!properties.containsKey(name)) {
                throw ApiException.invalidParams(List.of("must NOT have additional properties"));
            }
        });
        Map<String, Object> values = new HashMap<>();
        properties.forEach((name, property) -> {
            if (body.has(name)) {
                values.put(name, coerce(body.get(name), property));
            }
        });
        return new Values(values);
    }

    private static Object coerce(JsonNode value, Property property) {
        if (value.isNull() && property.nullable()) {
            return null;
        }
        return switch (property.type()) {
            case STRING -> bounded(toText(value), property.maxLength());
            case BOOLEAN -> toBoolean(value);
            case INTEGER -> toInteger(value);
            case STRING_ARRAY -> toTexts(value);
            case OBJECT -> {
                if (!value.isObject()) {
                    throw ApiException.invalidParams(List.of("must be object"));
                }
                yield value;
            }
        };
    }

    private static String toText(JsonNode value) {
        if (value.isTextual()) {
            if (value.textValue().indexOf('\0') >= 0) {
                // refused here rather than by PostgreSQL, which cannot even compare it
                throw NulInText.refusal();
            }
            return value.textValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        if (value.isNull()) {
            return "";
        }
        throw ApiException.invalidParams(List.of("must be string"));
    }

    private static String bounded(String text, int maxLength) {
        if (maxLength > 0 && text.length() > maxLength) {
            throw ApiException.invalidParams(List.of("must NOT have more than " + maxLength + " characters"));
        }
        return text;
    }

    private static boolean toBoolean(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNull()) {
            return false;
        }
        if (value.isTextual() && (value.textValue().equals("true") || value.textValue().equals("false"))) {
            return value.textValue().equals("true");
        }
        if (value.isNumber() && (value.doubleValue() == 0 || value.doubleValue() == 1)) {
            return value.doubleValue() == 1;
        }
        throw ApiException.invalidParams(List.of("must be boolean"));
    }

    /** Integers beyond a long are the nearest long (a double's cast saturates too), never a wrapped-around one. */
    private static long toInteger(JsonNode value) {
        if (value.isIntegralNumber() && !value.canConvertToLong()) {
            return value.bigIntegerValue().signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        if (value.isIntegralNumber() || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()))) {
            return value.longValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        if (value.isNull()) {
            return 0;
        }
        if (value.isTextual() && value.textValue().matches("-?\\d{1,18}")) {
            return Long.parseLong(value.textValue());
        }
        throw ApiException.invalidParams(List.of("must be integer"));
    }

    private static List<String> toTexts(JsonNode value) {
        if (!value.isArray()) {
            throw ApiException.invalidParams(List.of("must be array"));
        }
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(toText(item)));
        return texts;
    }

    /** Coerced body values; absent properties read as the given default. */
    public record Values(Map<String, Object> values) {

        public String text(String name) {
            return (String) values.get(name);
        }

        public boolean flag(String name, boolean absent) {
            Object value = values.get(name);
            return value == null ? absent : (Boolean) value;
        }

        @SuppressWarnings("unchecked")
        public List<String> texts(String name) {
            return (List<String>) values.get(name);
        }

        public long integer(String name) {
            return (Long) values.get(name);
        }

        public boolean has(String name) {
            return values.containsKey(name);
        }
    }
}
