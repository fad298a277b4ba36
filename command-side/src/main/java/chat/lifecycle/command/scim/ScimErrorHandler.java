package chat.lifecycle.command.scim;

import chat.lifecycle.command.credentials.LiveCredentialCheck.CredentialRevoked;
import chat.lifecycle.platform.ops.RequestBodyLimit;
import chat.lifecycle.command.user.UserRuleViolation;
import chat.lifecycle.command.web.ApiErrorHandler;
import chat.lifecycle.platform.web.Causes;
import chat.lifecycle.platform.web.NulInText;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Every failure of a SCIM route as an RFC 7644 error document, in {@code application/scim+json}; ahead of the
 * Rocket.Chat-shaped {@link ApiErrorHandler}, for the SCIM controllers only. No stack trace ever reaches a body;
 * unexpected failures are logged here and answered with a bare 500.
 */
@RestControllerAdvice(basePackageClasses = ScimErrorHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScimErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ScimErrorHandler.class);

    @ExceptionHandler(ScimError.class)
    ResponseEntity<Object> refused(ScimError e) {
        return e.response();
    }

    /**
     * The rules a deactivation or deletion can break. The last active admin is the state of the server, not a
     * malformed request: 400 {@code mutability}, RFC 7644's type for a change the resource's current state forbids.
     */
    @ExceptionHandler(UserRuleViolation.class)
    ResponseEntity<Object> ruleBroken(UserRuleViolation e) {
        return (switch (e.rule()) {
            case LAST_ACTIVE_ADMIN -> ScimError.mutability(
                    "the last active admin cannot be deactivated or deleted: make another user an active admin first");
            case USER_IS_FEDERATED -> ScimError.mutability("a federated user's status belongs to their home server");
            case USERNAME_TAKEN -> ScimError.uniqueness("userName " + e.subject() + " is taken");
            case EMAIL_TAKEN -> ScimError.uniqueness("email " + e.subject() + " is taken");
            default -> ScimError.invalidValue(e.rule().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }).response();
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> gone(AggregateNotFoundException e) {
        return ScimError.notFound("no such user").response();
    }

    /** If-Match named a version the user is no longer (or never was) at: nothing was written. */
    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<Object> stale(ConflictingAggregateVersionException e) {
        return ScimError.versionMismatch().response();
    }

    /** The controllers' {@code @PreAuthorize}: the token's user lacks {@code manage-scim}. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e) {
        return ScimError.forbidden().response();
    }

    /** The caller's token was revoked between its authentication and the write: nothing was written. */
    @ExceptionHandler(CredentialRevoked.class)
    ResponseEntity<Object> revoked(CredentialRevoked e) {
        return ScimError.unauthorized().response();
    }

    /** A creation raced another of the same userName or email, whose unique key refused this one. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> raced(DuplicateKeyException e) {
        return ScimError.uniqueness("userName or email is taken").response();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        Optional<Throwable> limit = Causes.first(e, RequestBodyLimit.Refused.class::isInstance);
        if (limit.isPresent()) {
            return bodyRefused((RequestBodyLimit.Refused) limit.get());
        }
        return ScimError.badRequest("invalidSyntax", "the body is not a JSON object").response();
    }

    @ExceptionHandler(HttpMediaTypeException.class)
    ResponseEntity<Object> wrongMediaType(HttpMediaTypeException e) {
        HttpStatus status = e instanceof HttpMediaTypeNotAcceptableException
                ? HttpStatus.NOT_ACCEPTABLE : HttpStatus.UNSUPPORTED_MEDIA_TYPE;
        return new ScimError(status, null, "send and accept application/scim+json or application/json").response();
    }

    /**
     * Besides the truly unexpected: a body over the limit or too slow to arrive, text with U+0000 (PostgreSQL holds
     * none, so it matches nothing and is bad input), and a caller that hung up.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        Optional<Throwable> limit = Causes.first(e, RequestBodyLimit.Refused.class::isInstance);
        if (limit.isPresent()) {
            return bodyRefused((RequestBodyLimit.Refused) limit.get());
        }
        if (NulInText.caused(e)) {
            return ScimError.invalidValue("text must not contain U+0000").response();
        }
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            return ScimError.badRequest(null, "the client hung up").response();
        }
        log.error("SCIM request failed unexpectedly", e);
        return new ScimError(HttpStatus.INTERNAL_SERVER_ERROR, null, "internal server error").response();
    }

    private static ResponseEntity<Object> bodyRefused(RequestBodyLimit.Refused refused) {
        return new ScimError(HttpStatus.valueOf(refused.status()), null, refused.error()).response();
    }
}
