package chat.lifecycle.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A refusal with Rocket.Chat's status and body. Thrown anywhere in a request, on either side; {@link ApiRefusals}
 * writes it.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> body;

    public ApiException(HttpStatus status, Map<String, Object> body) {
        super(String.valueOf(body.get("error")), null, false, false);
        this.status = status;
        this.body = body;
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }

    /** The answer: this status and body. */
    public ResponseEntity<Map<String, Object>> response() {
        return ResponseEntity.status(status).body(body);
    }

    /** {@code API.v1.failure(message)}: a 400 with a plain message and no error type. */
    public static ApiException failure(String message) {
        return failure(HttpStatus.BAD_REQUEST, message);
    }

    /** A plain message and no error type, with another status. */
    public static ApiException failure(HttpStatus status, String message) {
        return new ApiException(status, failureBody(message));
    }

    /** A Meteor.Error turned into a 400: {@code "<reason> [<type>]"}, the type, and details when there are any. */
    public static ApiException meteor(String type, String reason, Map<String, ?> details) {
        Map<String, Object> body = failureBody(reason.isEmpty() ? "[" + type + "]" : reason + " [" + type + "]");
        body.put("errorType", type);
        if (details != null) {
            body.put("details", details);
        }
        return new ApiException(HttpStatus.BAD_REQUEST, body);
    }

    /** The body validator's messages, one per line, as Rocket.Chat's ajv validation reports them. */
    public static ApiException invalidParams(List<String> messages) {
        Map<String, Object> body = failureBody(String.join("\n", messages) + "\n[invalid-params]");
        body.put("errorType", "invalid-params");
        return new ApiException(HttpStatus.BAD_REQUEST, body);
    }

    public static ApiException unauthorized() {
        Map<String, Object> body = failureBody("You must be logged in to do this.");
        body.put("status", "error");
        body.put("message", "You must be logged in to do this.");
        return new ApiException(HttpStatus.UNAUTHORIZED, body);
    }

    public static ApiException forbidden() {
        return failure(HttpStatus.FORBIDDEN,
                "User does not have the permissions required for this action [error-unauthorized]");
    }

    /** Rocket.Chat's failure shape: {@code success} false and the error. */
    private static Map<String, Object> failureBody(String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        return body;
    }
}
