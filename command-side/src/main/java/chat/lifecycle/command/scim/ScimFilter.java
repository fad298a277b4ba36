package chat.lifecycle.command.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A SCIM filter (RFC 7644 section 3.4.2.2) turned into a SQL condition: {@code eq} comparisons, joined with
 * {@code and} and {@code or}, in parentheses. Which attributes can be compared, and how, is the resource's
 * ({@link #USERS}, {@link #GROUPS}). Anything else is refused as {@code invalidFilter}.
 */
final class ScimFilter {

    /** A condition with its bind values, in order. */
    record Condition(String sql, List<Object> args) {

        static final Condition ALL = new Condition("true", List.of());
    }

    /** An attribute compared with a literal: the condition, or an {@code invalidFilter} error. */
    interface Attributes {

        /** {@code attribute} in lower case without the schema, {@code given} as the filter spelled it. */
        Condition equalTo(String attribute, String given, String literal);
    }

    /**
     * Users, on {@code user_account u}: {@code id}, {@code userName} (any case, as userName is not case-exact),
     * {@code externalId}, {@code active}, {@code emails} / {@code emails.value} (any case), {@code displayName}.
     */
    static final Attributes USERS = (attribute, given, literal) -> switch (attribute) {
        case "id" -> new Condition("u.id = ?", List.of(text(literal, given)));
        case "username" -> new Condition("u.username_key = ?", List.of(lower(text(literal, given))));
        case "externalid" -> new Condition("u.external_id = ?", List.of(text(literal, given)));
        case "emails", "emails.value" -> new Condition("u.email = ?", List.of(lower(text(literal, given))));
        case "displayname", "name.formatted" -> new Condition("u.name = ?", List.of(text(literal, given)));
        case "active" -> new Condition("u.active = ?", List.of(flag(literal)));
        default -> throw invalid("filtering on " + given + " is not supported");
    };

    /** Groups (the roles), on {@code role r}: {@code id} and {@code displayName}, both the role's name. */
    static final Attributes GROUPS = (attribute, given, literal) -> switch (attribute) {
        case "id", "displayname" -> new Condition("r.id = ?", List.of(text(literal, given)));
        default -> throw invalid("filtering on " + given + " is not supported");
    };

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 4096;

    private final List<String> tokens;
    private int next;

    private final Attributes attributes;

    private ScimFilter(List<String> tokens, Attributes attributes) {
        this.tokens = tokens;
        this.attributes = attributes;
    }

    static Condition parse(String filter, Attributes attributes) {
        if (filter == null || filter.isBlank()) {
            return Condition.ALL;
        }
        if (filter.length() > MAX_LENGTH) {
            throw invalid("the filter is longer than " + MAX_LENGTH + " characters");
        }
        ScimFilter parser = new ScimFilter(tokenize(filter), attributes);
        Condition condition = parser.or();
        if (parser.next < parser.tokens.size()) {
            throw invalid("unexpected '" + parser.tokens.get(parser.next) + "'");
        }
        return condition;
    }

    private Condition or() {
        Condition left = and();
        while (keyword("or")) {
            left = join(left, "or", and());
        }
        return left;
    }

    private Condition and() {
        Condition left = comparison();
        while (keyword("and")) {
            left = join(left, "and", comparison());
        }
        return left;
    }

    private Condition comparison() {
        String token = take("an attribute");
        if (token.equals("(")) {
            Condition inner = or();
            if (!")".equals(take("')'"))) {
                throw invalid("')' expected");
            }
            return new Condition("(" + inner.sql() + ")", inner.args());
        }
        String attribute = UserAttributes.name(token);
        String operator = take("an operator").toLowerCase(Locale.ROOT);
        if (!operator.equals("eq")) {
            throw invalid("only the eq operator is supported, not " + operator);
        }
        return attributes.equalTo(attribute, token, take("a value"));
    }

    private static Condition join(Condition left, String operator, Condition right) {
        List<Object> args = new ArrayList<>(left.args());
        args.addAll(right.args());
        return new Condition(left.sql() + " " + operator + " " + right.sql(), args);
    }

    private boolean keyword(String word) {
        if (next < tokens.size() && tokens.get(next).equalsIgnoreCase(word)) {
            next++;
            return true;
        }
        return false;
    }

    private String take(String expected) {
        if (next >= tokens.size()) {
            throw invalid(expected + " expected at the end");
        }
        return tokens.get(next++);
    }

    private static String text(String literal, String attribute) {
        if (!literal.startsWith("\"")) {
            throw invalid(attribute + " compares with a \"quoted string\", not " + literal);
        }
        try {
            String value = JSON.readValue(literal, String.class);
            if (value.indexOf('\0') >= 0) {
                throw invalid("text must not contain U+0000");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw invalid("malformed string " + literal);
        }
    }

    private static Boolean flag(String literal) {
        return switch (literal.toLowerCase(Locale.ROOT)) {
            case "true", "\"true\"" -> true;
            case "false", "\"false\"" -> false;
            default -> throw invalid("active compares with true or false, not " + literal);
        };
    }

    private static String lower(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    /** Splits into parentheses, JSON strings (escapes kept for the JSON reader) and bare words. */
    private static List<String> tokenize(String filter) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                int end = i + 1;
                while (end < filter.length() && filter.charAt(end) != '"') {
                    end += filter.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= filter.length()) {
                    throw invalid("unterminated string");
                }
                tokens.add(filter.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < filter.length() && !Character.isWhitespace(filter.charAt(end))
                        && "()\"".indexOf(filter.charAt(end)) < 0) {
                    end++;
                }
                String word = filter.substring(i, end);
                if (word.contains("[")) {
                    throw invalid("value filters ([...]) are not supported");
                }
                tokens.add(word);
                i = end;
            }
        }
        return tokens;
    }

    private static ScimError invalid(String detail) {
        return ScimError.badRequest("invalidFilter", detail);
    }
}
