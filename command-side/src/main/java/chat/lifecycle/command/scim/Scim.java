package chat.lifecycle.command.scim;

import org.springframework.http.MediaType;

/** The constants of SCIM 2.0 (RFC 7643, RFC 7644) this server uses. */
final class Scim {

    static final String ROUTES = "/scim/v2";
    static final MediaType MEDIA_TYPE = MediaType.parseMediaType("application/scim+json");
    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    /** The deactivations and deletions SCIM makes are recorded with this cause ({@code users.statusHistory}). */
    static final String CAUSE = "scim";

    private Scim() {
    }
}
