package chat.lifecycle.command.scim;

import chat.lifecycle.command.scim.ScimUserDirectory.StoredUser;
import chat.lifecycle.command.web.Columns;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * What a PUT or PATCH asks of a stored user. {@code active} and {@code externalId} can change; {@code userName},
 * {@code name} / {@code displayName} and {@code emails} are immutable here (no event renames a user), so a request may
 * repeat their values but not change them ({@code mutability}). Attributes this server does not keep (title,
 * phoneNumbers, name.givenName alone, ...) and read-only ones (id, meta) are ignored, as RFC 7644 allows.
 */
final class UserChanges {

    private final StoredUser current;
    private Boolean active;
    private boolean externalIdGiven;
    private String externalId;

    private UserChanges(StoredUser current) {
        this.current = current;
    }

    /** PUT: the request is the whole resource; an {@code externalId} it leaves out is removed. */
    static UserChanges replacing(StoredUser current, JsonNode resource) {
        if (resource == null || !resource.isObject()) {
            throw ScimError.badRequest("invalidSyntax", "the body must be a User resource");
        }
        UserChanges changes = new UserChanges(current);
        changes.replaceAll(resource);
        if (!changes.externalIdGiven) {
            changes.remove("externalId");
        }
        return changes;
    }

    /** PATCH: RFC 7644 section 3.5.2 operations, in order. */
    static UserChanges patching(StoredUser current, JsonNode request) {
        UserChanges changes = new UserChanges(current);
        PatchOp.of(request).forEach(changes::apply);
        return changes;
    }

    /** The requested status, null when the request does not name one. */
    Boolean active() {
        return active;
    }

    boolean externalIdChanged() {
        return externalIdGiven && !Objects.equals(externalId, current.externalId());
    }

    String externalId() {
        return externalId;
    }

    private void apply(PatchOp operation) {
        if (operation.op().equals("remove")) {
            remove(operation.pathToRemove());
        } else if (operation.path() != null) {
            replace(operation.path(), operation.value());
        } else {
            replaceAll(operation.attributes());
        }
    }

    private void replaceAll(JsonNode attributes) {
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            replace(attribute.getKey(), attribute.getValue());
        }
    }

    private void replace(String path, JsonNode value) {
        switch (UserAttributes.name(path)) {
            case "active" -> active = ScimValues.flag(value, "active");
            case "externalid" -> {
                externalIdGiven = true;
                externalId = ScimValues.textOrNull(value, "externalId", Columns.NAME);
            }
            case "username" -> unchanged("userName", ScimValues.textOrNull(value, "userName", Columns.NAME),
                    current.userName());
            case "emails", "emails.value" -> unchanged("emails", ScimValues.email(value), current.email());
            case "name" -> {
                String name = ScimValues.name(value);
                if (name != null) {
                    unchanged("name", name, current.name());
                }
            }
            case "name.formatted", "displayname" -> unchanged(path,
                    ScimValues.textOrNull(value, path, Columns.NAME), current.name());
            case "password" -> throw ScimError.mutability("the password cannot be changed through SCIM");
            default -> {
                // not kept here, or read-only: ignored
            }
        }
    }

    private void remove(String path) {
        switch (UserAttributes.name(path)) {
            case "externalid" -> {
                externalIdGiven = true;
                externalId = null;
            }
            case "active", "username", "emails", "emails.value", "name", "name.formatted", "displayname" ->
                    throw ScimError.mutability(path + " cannot be removed");
            default -> {
                // not kept here: nothing to remove
            }
        }
    }

    private static void unchanged(String attribute, String requested, String stored) {
        if (requested == null || !requested.trim().equalsIgnoreCase(stored == null ? "" : stored.trim())) {
            throw ScimError.mutability(attribute + " cannot be changed here (it is " + stored + ")");
        }
    }
}
