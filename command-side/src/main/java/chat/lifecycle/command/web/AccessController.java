package chat.lifecycle.command.web;

import static chat.lifecycle.command.web.BodySchema.Type.STRING;

import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.permission.Permissions;
import chat.lifecycle.command.permission.Permissions.Permission;
import chat.lifecycle.command.user.AddRoleToUser;
import chat.lifecycle.command.user.UserAccounts;
import chat.lifecycle.command.user.UserAccounts.Account;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Roles and permissions: {@code permissions.listAll}, {@code permissions.update}, {@code roles.addUserToRole}. */
@RestController
@RequestMapping("/api/v1")
public class AccessController {

    private static final BodySchema ADD_USER_TO_ROLE = BodySchema.object()
            .optional("roleId", STRING)
            .optional("roleName", STRING)
            .required("username", STRING)
            .optional("roomId", STRING);

    private final Permissions permissions;
    private final UserAccounts accounts;
    private final AuditedCommands commands;

    public AccessController(Permissions permissions, UserAccounts accounts, AuditedCommands commands) {
        this.permissions = permissions;
        this.accounts = accounts;
        this.commands = commands;
    }

    @GetMapping("/permissions.listAll")
    public Map<String, Object> listAll(Caller caller) {
        return Map.of("update", documents(permissions.all()), "remove", List.of(), "success", true);
    }

    /** Body {@code {"permissions":[{"_id","roles":[...]}]}}; every permission and role must exist, or nothing changes. */
    @PostMapping("/permissions.update")
    public Map<String, Object> update(Caller caller, ObjectNode body) {
        caller.requireAny("access-permissions");
        JsonNode given = body.path("permissions");
        if (!given.isArray()) {
            throw ApiException.invalidParams(List.of("must have required property 'permissions'"));
        }
        Map<String, List<String>> rolesByPermission = new LinkedHashMap<>();
        for (JsonNode entry : given) {
            if (!entry.path("_id").isTextual() || !entry.path("roles").isArray()) {
                throw ApiException.invalidParams(List.of("must have required property '_id'"));
            }
            String id = entry.get("_id").textValue();
            if (!permissions.exists(id)) {
                throw ApiException.meteor("error-invalid-permission", "Invalid permission", null);
            }
            List<String> roles = new ArrayList<>();
            for (JsonNode role : entry.get("roles")) {
                if (!role.isTextual() || !permissions.roleExists(role.textValue())) {
                    throw ApiException.meteor("error-invalid-role", "Invalid role", null);
                }
                roles.add(role.textValue());
            }
            rolesByPermission.put(id, roles);
        }
        permissions.replaceRoles(caller.actor(), rolesByPermission);
        return Map.of("permissions", documents(permissions.all()), "success", true);
    }

    @PostMapping("/roles.addUserToRole")
    public Map<String, Object> addUserToRole(Caller caller, ObjectNode body) {
        caller.requireAny("assign-roles");
        BodySchema.Values request = ADD_USER_TO_ROLE.validate(body);
        String role = request.has("roleId") ? request.text("roleId") : request.text("roleName");
        if (role == null) {
            throw ApiException.meteor("error-invalid-role-properties", "The role properties are invalid.", null);
        }
        if (!permissions.roleExists(role)) {
            throw ApiException.meteor("error-role-not-found", "Role not found", null);
        }
        Account user = accounts.byUsername(request.text("username"))
                .orElseThrow(() -> ApiException.meteor("error-invalid-user", "There is no user with this username",
                        null));
        commands.send(new AddRoleToUser(user.id(), role), caller.actor(), "roles.addUserToRole");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_id", role);
        document.put("name", role);
        document.put("scope", "Users");
        document.put("protected", true);
        document.put("mandatory2fa", false);
        return Map.of("role", document, "success", true);
    }

    private static List<Map<String, Object>> documents(List<Permission> all) {
        return all.stream().map(permission -> {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("_id", permission.id());
            document.put("roles", permission.roles());
            document.put("_updatedAt", permission.updatedAt().toString());
            return document;
        }).toList();
    }
}
