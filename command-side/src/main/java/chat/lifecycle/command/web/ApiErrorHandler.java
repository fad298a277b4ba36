package chat.lifecycle.command.web;

import chat.lifecycle.command.user.UserErrors;
import chat.lifecycle.command.credentials.LiveCredentialCheck.CredentialRevoked;
import chat.lifecycle.platform.ops.RequestBodyLimit;
import chat.lifecycle.command.user.UserRuleViolation;
import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.platform.web.Causes;
import chat.lifecycle.platform.web.DatabaseUnavailable;
import chat.lifecycle.platform.web.NulInText;
import java.util.Map;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Turns the command side's failures into Rocket.Chat-shaped JSON bodies (refusals thrown as {@link ApiException} are
 * written by {@code ApiRefusals}). Nothing escapes as a stack trace; unexpected failures are logged here with the
 * request's correlation and answered with a bare 500.
 */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    /** The request's credential was revoked between its authentication and its write: nothing was written. */
    @ExceptionHandler(CredentialRevoked.class)
    ResponseEntity<Map<String, Object>> revoked(CredentialRevoked e) {
        return ApiException.unauthorized().response();
    }

    @ExceptionHandler(UserRuleViolation.class)
    ResponseEntity<Map<String, Object>> ruleBroken(UserRuleViolation e) {
        return UserErrors.of(e).response();
    }

    /** A command to a user who does not exist, or no longer does: Rocket.Chat's answer for an unknown user. */
    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Map<String, Object>> gone(AggregateNotFoundException e) {
        return ApiException.failure("User not found").response();
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return ApiException.invalidParams(java.util.List.of(
                "must have required property '" + e.getParameterName() + "'")).response();
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noRoute(NoResourceFoundException e) {
        return ApiException.failure(HttpStatus.NOT_FOUND, "Not found").response();
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> wrongMethod(HttpRequestMethodNotSupportedException e) {
        return ApiException.failure(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed").response();
    }

    @ExceptionHandler(HttpMediaTypeException.class)
    ResponseEntity<Map<String, Object>> wrongMediaType(HttpMediaTypeException e) {
        return ApiException.failure(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type").response();
    }

    /**
     * Besides the truly unexpected: a body refused while it was read ({@link RequestBodyLimit}: over 1 MiB, or too
     * slow to arrive), as such or wrapped by a message converter or a form's parameters, and a value PostgreSQL cannot
     * compare because text there never holds U+0000 (a query parameter or form field that reached a lookup; it
     * matches nothing stored: bad input, not a server error), the database out of reach ({@link DatabaseUnavailable}:
     * 503), and a caller that hung up while sending its body.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        Optional<Throwable> body = Causes.first(e, RequestBodyLimit.Refused.class::isInstance);
        if (body.isPresent()) {
            RequestBodyLimit.Refused refused = (RequestBodyLimit.Refused) body.get();
            return ApiException.failure(HttpStatus.valueOf(refused.status()), refused.error()).response();
        }
        if (NulInText.caused(e)) {
            return NulInText.refusal().response();
        }
        if (DatabaseUnavailable.caused(e)) {
            return DatabaseUnavailable.refusal(e).response();
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // the caller hung up in the middle of its request: nobody is left to answer, and nothing failed here
            return ApiException.failure(HttpStatus.BAD_REQUEST, "Bad Request").response();
        }
        log.error("request failed unexpectedly", e);
        return ApiException.failure(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error").response();
    }
}
