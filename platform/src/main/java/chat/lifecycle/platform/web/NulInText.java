package chat.lifecycle.platform.web;

import java.sql.SQLException;
import java.util.List;

/**
 * U+0000 in text. PostgreSQL's text never holds it and refuses it in a parameter (SQL state 22021), so a value with
 * one that reached a query matches nothing stored: the request is bad input, never a server error.
 */
public final class NulInText {

    private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

    private NulInText() {
    }

    /** Whether the failure, or one of its causes, is PostgreSQL refusing such a parameter. */
    public static boolean caused(Throwable failure) {
        return Causes.first(failure, cause -> cause instanceof SQLException sql
                && CHARACTER_NOT_IN_REPERTOIRE.equals(sql.getSQLState())).isPresent();
    }

    /** Rocket.Chat's answer: the pattern its validator would have refused the value with. */
    public static ApiException refusal() {
        return ApiException.invalidParams(List.of("must match pattern \"^[^\\u0000]*$\""));
    }
}
