package chat.lifecycle.command.web;

import chat.lifecycle.command.user.UserErrors;
import chat.lifecycle.command.credentials.LiveCredentialCheck.CredentialRevoked;
import chat.lifecycle.platform.ops.RequestBodyLimit;
import chat.lifecycle.command.user.UserRuleViolation;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every failure into a Rocket.Chat-shaped JSON body. Nothing escapes as a stack trace; unexpected failures
 * are logged here with the request's correlation and answered with a bare 500.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
    /** PostgreSQL's {@code character_not_in_repertoire}: "invalid byte sequence for encoding UTF8: 0x00". */
    private static final String NUL_IN_TEXT = "22021";

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> refused(ApiException e) {
        return ResponseEntity.status(e.status()).body(e.body());
    }

    /** The request's credential was revoked between its authentication and its write: nothing was written. */
    /** A route's {@code @PreAuthorize} refused the caller: Rocket.Chat's 403. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> forbidden() {
        return refused(ApiException.forbidden());
    }

    @ExceptionHandler(CredentialRevoked.class)
    ResponseEntity<Map<String, Object>> revoked(CredentialRevoked e) {
        return refused(ApiException.unauthorized());
    }

    @ExceptionHandler(UserRuleViolation.class)
    ResponseEntity<Map<String, Object>> ruleBroken(UserRuleViolation e) {
        return refused(UserErrors.of(e));
    }

    /** A command to a user who does not exist, or no longer does: Rocket.Chat's answer for an unknown user. */
    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Map<String, Object>> gone(AggregateNotFoundException e) {
        return refused(ApiException.failure("User not found"));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return refused(ApiException.invalidParams(java.util.List.of(
                "must have required property '" + e.getParameterName() + "'")));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noRoute(NoResourceFoundException e) {
        return plain(HttpStatus.NOT_FOUND, "Not found");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return plain(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed");
    }

    @ExceptionHandler(HttpMediaTypeException.class)
    ResponseEntity<Map<String, Object>> wrongMediaType(HttpMediaTypeException e) {
        return plain(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type");
    }

    /**
     * Besides the truly unexpected: a body refused while it was read ({@link RequestBodyLimit}: over 1 MiB, or too
     * slow to arrive), as such or wrapped by a message converter or a form's parameters, and a value PostgreSQL cannot
     * compare because text there never holds U+0000 (a query parameter or form field that reached a lookup; it
     * matches nothing stored: bad input, not a server error), and a caller that hung up while sending its body.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        Optional<Throwable> body = cause(e, RequestBodyLimit.Refused.class::isInstance);
        if (body.isPresent()) {
            RequestBodyLimit.Refused refused = (RequestBodyLimit.Refused) body.get();
            return plain(HttpStatus.valueOf(refused.status()), refused.error());
        }
        if (cause(e, cause -> cause instanceof SQLException sql && NUL_IN_TEXT.equals(sql.getSQLState())).isPresent()) {
            return refused(ApiException.invalidParams(java.util.List.of(BodySchema.NO_NUL)));
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // the caller hung up in the middle of its request: nobody is left to answer, and nothing failed here
            return plain(HttpStatus.BAD_REQUEST, "Bad Request");
        }
        log.error("request failed unexpectedly", e);
        return plain(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error");
    }

    private static Optional<Throwable> cause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (test.test(cause)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }

    private static ResponseEntity<Map<String, Object>> plain(HttpStatus status, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        return ResponseEntity.status(status).body(body);
    }
}
