package chat.lifecycle.platform.web;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Writes every {@link ApiException}, on either side, and answers a route's {@code @PreAuthorize} refusal with
 * Rocket.Chat's 403. Ahead of every catch-all handler, so that a refusal is never reported as a server error; only
 * routes with error bodies of their own (SCIM's, at the highest precedence) go first.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ApiRefusals {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException e) {
        return e.response();
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> forbidden() {
        return ApiException.forbidden().response();
    }
}
