package chat.lifecycle.command.scim;

import chat.lifecycle.command.scim.ScimGroupDirectory.Member;
import chat.lifecycle.command.scim.ScimGroupDirectory.StoredGroup;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The members a PUT or PATCH of a group asks for, as users to add to the role and users to take it from. The
 * group's {@code displayName} is the role's name: it may be repeated, not changed ({@code mutability}).
 */
final class MemberChanges {

    /** Entra ID removes one member with the path {@code members[value eq "<id>"]}. */
    private static final Pattern ONE_MEMBER = Pattern.compile("members\\[\\s*value\\s+eq\\s+\"([^\"]*)\"\\s*]",
            Pattern.CASE_INSENSITIVE);
    private static final int ID_LENGTH = 64;

    private final StoredGroup group;
    private final Set<String> members = new LinkedHashSet<>();

    private MemberChanges(StoredGroup group) {
        this.group = group;
        group.members().forEach(member -> members.add(member.id()));
    }

    /** PUT: the request is the whole group; members it leaves out lose the role. */
    static MemberChanges replacing(StoredGroup group, JsonNode resource) {
        if (resource == null || !resource.isObject()) {
            throw ScimError.badRequest("invalidSyntax", "the body must be a Group resource");
        }
        MemberChanges changes = new MemberChanges(group);
        changes.members.clear();
        changes.set("replace", resource);
        return changes;
    }

    /** PATCH: add, replace or remove {@code members}. */
    static MemberChanges patching(StoredGroup group, JsonNode request) {
        MemberChanges changes = new MemberChanges(group);
        PatchOp.of(request).forEach(changes::apply);
        return changes;
    }

    /** Users who are to hold the role and do not yet. */
    Set<String> added() {
        Set<String> added = new LinkedHashSet<>(members);
        group.members().forEach(member -> added.remove(member.id()));
        return added;
    }

    /** Users who hold the role and are to lose it. */
    Set<String> removed() {
        Set<String> removed = new LinkedHashSet<>();
        for (Member member : group.members()) {
            if (!members.contains(member.id())) {
                removed.add(member.id());
            }
        }
        return removed;
    }

    private void apply(PatchOp operation) {
        if (operation.op().equals("remove")) {
            remove(operation.pathToRemove().trim(), operation.value());
        } else if (operation.path() != null) {
            attribute(operation.op(), operation.path(), operation.value());
        } else {
            set(operation.op(), operation.attributes());
        }
    }

    private void set(String op, JsonNode attributes) {
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            attribute(op, attribute.getKey(), attribute.getValue());
        }
    }

    private void attribute(String op, String path, JsonNode value) {
        switch (UserAttributes.name(path)) {
            case "members" -> {
                if (op.equals("replace")) {
                    members.clear();
                }
                members.addAll(ids(value));
            }
            case "displayname" -> {
                if (value == null || !value.isTextual() || !value.asText().equals(group.id())) {
                    throw ScimError.mutability("a group's displayName is its role's name, " + group.id());
                }
            }
            default -> {
                // not kept here, or read-only: ignored
            }
        }
    }

    private void remove(String path, JsonNode value) {
        Matcher one = ONE_MEMBER.matcher(path);
        if (one.matches()) {
            members.remove(one.group(1));
        } else if (UserAttributes.name(path).equals("members")) {
            if (value == null || value.isNull()) {
                members.clear();
            } else {
                members.removeAll(ids(value));
            }
        } else if (UserAttributes.name(path).equals("displayname")) {
            throw ScimError.mutability("a group's displayName cannot be removed");
        }
    }

    /** User ids from {@code [{"value": "<id>"}, ...]} or one such object. */
    private static Set<String> ids(JsonNode value) {
        Set<String> ids = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        for (JsonNode member : value.isArray() ? value : java.util.List.of(value)) {
            if (!member.isObject()) {
                throw ScimError.invalidValue("members are objects: {\"value\": \"<user id>\"}");
            }
            ids.add(ScimValues.text(member.get("value"), "members.value", ID_LENGTH));
        }
        return ids;
    }
}
