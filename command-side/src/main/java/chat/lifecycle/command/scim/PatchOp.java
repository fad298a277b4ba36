package chat.lifecycle.command.scim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One operation of a PATCH request (RFC 7644 section 3.5.2): {@code op} in lower case, whatever case it came in
 * (Entra ID sends {@code "Replace"}), {@code path} null when absent.
 */
record PatchOp(String op, String path, JsonNode value) {

    /** The request's operations, in order; a request without any is {@code invalidSyntax}. */
    static List<PatchOp> of(JsonNode request) {
        JsonNode operations = request == null ? null : request.get("Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimError.badRequest("invalidSyntax", "a PatchOp needs a non-empty Operations array");
        }
        List<PatchOp> ops = new ArrayList<>();
        for (JsonNode operation : operations) {
            if (!operation.isObject() || !operation.path("op").isTextual()) {
                throw ScimError.badRequest("invalidSyntax", "each operation needs an op");
            }
            JsonNode path = operation.get("path");
            if (path != null && !path.isNull() && !path.isTextual()) {
                throw ScimError.badRequest("invalidPath", "path must be a string");
            }
            String op = operation.get("op").asText().toLowerCase(Locale.ROOT);
            if (!List.of("add", "replace", "remove").contains(op)) {
                throw ScimError.badRequest("invalidSyntax", "unknown op " + op);
            }
            ops.add(new PatchOp(op, path == null || path.isNull() ? null : path.asText(), operation.get("value")));
        }
        return ops;
    }

    /** A remove names what it removes. */
    String pathToRemove() {
        if (path == null) {
            throw ScimError.badRequest("noTarget", "remove needs a path");
        }
        return path;
    }

    /** An add or replace without a path sets the attributes of its object value. */
    JsonNode attributes() {
        if (value == null || !value.isObject()) {
            throw ScimError.invalidValue(op + " without a path needs an object value");
        }
        return value;
    }
}
