package chat.lifecycle.command.scim;

import chat.lifecycle.command.scim.ScimUserDirectory.StoredUser;
import chat.lifecycle.command.web.Columns;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
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

    /** PATCH: RFC 7644 section 3.5.2 operations, {@code op} in any case ({@code "Replace"}), in order. */
    static UserChanges patching(StoredUser current, JsonNode request) {
        JsonNode operations = request == null ? null : request.get("Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimError.badRequest("invalidSyntax", "a PatchOp needs a non-empty Operations array");
        }
        UserChanges changes = new UserChanges(current);
        for (JsonNode operation : operations) {
            changes.apply(operation);
        }
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

    private void apply(JsonNode operation) {
        if (!operation.isObject() || !operation.path("op").isTextual()) {
            throw ScimError.badRequest("invalidSyntax", "each operation needs an op");
        }
        String op = operation.get("op").asText().toLowerCase(Locale.ROOT);
        JsonNode path = operation.get("path");
        if (path != null && !path.isNull() && !path.isTextual()) {
            throw ScimError.badRequest("invalidPath", "path must be a string");
        }
        boolean hasPath = path != null && path.isTextual();
        switch (op) {
            case "add", "replace" -> {
                if (hasPath) {
                    replace(path.asText(), operation.get("value"));
                } else if (operation.path("value").isObject()) {
                    replaceAll(operation.get("value"));
                } else {
                    throw ScimError.invalidValue(op + " without a path needs an object value");
                }
            }
            case "remove" -> {
                if (!hasPath) {
                    throw ScimError.badRequest("noTarget", "remove needs a path");
                }
                remove(path.asText());
            }
            default -> throw ScimError.badRequest("invalidSyntax", "unknown op " + op);
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
