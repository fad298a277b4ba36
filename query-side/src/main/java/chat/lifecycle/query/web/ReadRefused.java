package chat.lifecycle.query.web;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** A refused read, answered in Rocket.Chat's shape. */
public class ReadRefused extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> body;

    private ReadRefused(HttpStatus status, Map<String, Object> body) {
        super(String.valueOf(body.get("error")), null, false, false);
        this.status = status;
        this.body = body;
    }

    public static ReadRefused failure(String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        return new ReadRefused(HttpStatus.BAD_REQUEST, body);
    }

    public static ReadRefused typed(String type, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", reason + " [" + type + "]");
        body.put("errorType", type);
        return new ReadRefused(HttpStatus.BAD_REQUEST, body);
    }

    public static ReadRefused invalidParams(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", message + "\n[invalid-params]");
        body.put("errorType", "invalid-params");
        return new ReadRefused(HttpStatus.BAD_REQUEST, body);
    }

    public static ReadRefused forbidden() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", "User does not have the permissions required for this action [error-unauthorized]");
        return new ReadRefused(HttpStatus.FORBIDDEN, body);
    }

    /** Ahead of any catch-all handler, so a refused read is never reported as a server error. */
    @RestControllerAdvice(basePackages = "chat.lifecycle.query")
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Handler {

        private static final String NUL_IN_TEXT = "22021";

        @ExceptionHandler(ReadRefused.class)
        ResponseEntity<Map<String, Object>> refused(ReadRefused e) {
            return ResponseEntity.status(e.status).body(e.body);
        }

        /** A route's {@code @PreAuthorize} refused the caller. */
        @ExceptionHandler(AccessDeniedException.class)
        ResponseEntity<Map<String, Object>> forbidden() {
            return refused(ReadRefused.forbidden());
        }

        /** {@code offset=abc} and the like: every typed query parameter of the read routes is a number. */
        @ExceptionHandler(MethodArgumentTypeMismatchException.class)
        ResponseEntity<Map<String, Object>> notANumber(MethodArgumentTypeMismatchException e) {
            return refused(invalidParams("must be integer"));
        }

        /**
         * U+0000 in a parameter that reached a query: PostgreSQL's text never holds it (SQL state 22021), so it
         * matches nothing stored, and the request is bad input. Any other database failure stays a server error.
         */
        @ExceptionHandler(DataAccessException.class)
        ResponseEntity<Map<String, Object>> unreadable(DataAccessException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && NUL_IN_TEXT.equals(sql.getSQLState())) {
                    return refused(invalidParams("must match pattern \"^[^\\u0000]*$\""));
                }
            }
            throw e;
        }
    }
}
