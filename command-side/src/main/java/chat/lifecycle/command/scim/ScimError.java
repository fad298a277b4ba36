package chat.lifecycle.command.scim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A refusal as an RFC 7644 error document (section 3.12): {@code status} as a string, {@code scimType} where one
 * applies, and a {@code detail} for people. Thrown anywhere in a SCIM request; {@link ScimErrorHandler} writes it.
 */
public class ScimError extends RuntimeException {

    static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private final HttpStatus status;
    private final String scimType;

    ScimError(HttpStatus status, String scimType, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.scimType = scimType;
    }

    /** A 400 with the RFC's {@code scimType}: invalidFilter, invalidSyntax, invalidPath, invalidValue, mutability... */
    static ScimError badRequest(String scimType, String detail) {
        return new ScimError(HttpStatus.BAD_REQUEST, scimType, detail);
    }

    static ScimError invalidValue(String detail) {
        return badRequest("invalidValue", detail);
    }

    static ScimError mutability(String detail) {
        return badRequest("mutability", detail);
    }

    static ScimError uniqueness(String detail) {
        return new ScimError(HttpStatus.CONFLICT, "uniqueness", detail);
    }

    static ScimError notFound(String detail) {
        return new ScimError(HttpStatus.NOT_FOUND, null, detail);
    }

    static ScimError versionMismatch() {
        return new ScimError(HttpStatus.PRECONDITION_FAILED, null,
                "If-Match does not name the resource's current version");
    }

    public static ScimError unauthorized() {
        return new ScimError(HttpStatus.UNAUTHORIZED, null, "Authorization: Bearer <token> of a SCIM client required");
    }

    public static ScimError forbidden() {
        return new ScimError(HttpStatus.FORBIDDEN, null, "the token's user lacks the manage-scim permission");
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(SCHEMA));
        body.put("status", String.valueOf(status.value()));
        if (scimType != null) {
            body.put("scimType", scimType);
        }
        body.put("detail", getMessage());
        return body;
    }

    ResponseEntity<Object> response() {
        return ResponseEntity.status(status).contentType(Scim.MEDIA_TYPE).body(body());
    }
}
