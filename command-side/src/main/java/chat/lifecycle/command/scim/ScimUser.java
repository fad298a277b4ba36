package chat.lifecycle.command.scim;

import chat.lifecycle.command.scim.ScimUserDirectory.StoredUser;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** A user as a SCIM User resource (RFC 7643 section 4.1): the attributes this server keeps, and {@code meta}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScimUser(List<String> schemas, String id, String externalId, String userName, Name name, String displayName,
                List<Email> emails, boolean active, Meta meta) {

    record Name(String formatted) {
    }

    record Email(String value, boolean primary) {
    }

    /** Instants as ISO-8601 strings, {@code version} the weak ETag of the user's version. */
    record Meta(String resourceType, String created, String lastModified, String location, String version) {
    }

    static ScimUser of(StoredUser user) {
        return new ScimUser(List.of(Scim.USER_SCHEMA), user.id(), user.externalId(), user.userName(),
                new Name(user.name()), user.name(),
                user.email() == null ? null : List.of(new Email(user.email(), true)), user.active(),
                new Meta("User", user.created().toString(), user.lastModified().toString(), location(user.id()),
                        etag(user.version())));
    }

    /** The resource's URL as the client reached this server (the proxy passes the client's Host on). */
    static String location(String id) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(Scim.ROUTES + "/Users/{id}")
                .buildAndExpand(id).toUriString();
    }

    static String etag(long version) {
        return "W/\"" + version + "\"";
    }
}
