package chat.lifecycle.command.permission;

import chat.lifecycle.command.web.BodySchema;
import chat.lifecycle.command.security.Caller;
import chat.lifecycle.platform.web.ApiException;
import static chat.lifecycle.command.web.BodySchema.Type.STRING;

import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.permission.Permissions;
import chat.lifecycle.command.permission.Permissions.Permission;
import chat.lifecycle.command.permission.Permissions.Role;
import chat.lifecycle.command.room.AddRoomOwner;
import chat.lifecycle.command.room.RoomLookup;
import chat.lifecycle.command.room.RoomRuleViolation;
import chat.lifecycle.command.user.AddRoleToUser;
import chat.lifecycle.command.user.UserAccounts;
import chat.lifecycle.command.user.UserAccounts.Account;
import chat.lifecycle.events.room.RoomCreated;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Roles and permissions: {@code permissions.listAll}, {@code permissions.update}, {@code roles.addUserToRole}. */
@RestController
@RequestMapping("/api/v1")
public class AccessController {

    private static final String ROOM_OWNER = "owner";

    private static final BodySchema ADD_USER_TO_ROLE = BodySchema.object()
            .optional("roleId", STRING)
            .optional("roleName", STRING)
            .optional("username", STRING)
            .optional("userId", STRING)
            .optional("roomId", STRING);
    private static final Map<String, String> ADD_USER_TO_ROLE_METHOD = Map.of("method", "authorization:addUserToRole");

    private final Permissions permissions;
    private final UserAccounts accounts;
    private final RoomLookup rooms;
    private final AuditedCommands commands;

    public AccessController(Permissions permissions, UserAccounts accounts, RoomLookup rooms,
                            AuditedCommands commands) {
        this.permissions = permissions;
        this.accounts = accounts;
        this.rooms = rooms;
        this.commands = commands;
    }

    @GetMapping("/permissions.listAll")
    public Map<String, Object> listAll(@AuthenticationPrincipal Caller caller) {
        return Map.of("update", documents(permissions.all()), "remove", List.of(), "success", true);
    }

    /** Body {@code {"permissions":[{"_id","roles":[...]}]}}; every permission and role must exist, or nothing changes. */
    @PreAuthorize("hasAuthority('access-permissions')")
    @PostMapping("/permissions.update")
    public Map<String, Object> update(@AuthenticationPrincipal Caller caller, ObjectNode body) {
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

    /**
     * A user-wide role is granted everywhere ({@code roomId} or not, as in Rocket.Chat). A room role is granted in
     * the room {@code roomId} only, to a member of it; without a room it is refused, where Rocket.Chat would make
     * it a user-wide role and so an owner of every room. Of the room roles this server keeps {@code owner}.
     */
    @PreAuthorize("hasAuthority('assign-roles')")
    @PostMapping("/roles.addUserToRole")
    public Map<String, Object> addUserToRole(@AuthenticationPrincipal Caller caller, ObjectNode body) {
        if (!body.has("username") && !body.has("userId")) { // required, before the other rules as ajv has it
            throw ApiException.invalidParams(List.of("must have required property 'username'"));
        }
        BodySchema.Values request = ADD_USER_TO_ROLE.validate(body);
        String roleId = request.has("roleId") ? request.text("roleId") : request.text("roleName");
        if (roleId == null) {
            throw ApiException.meteor("error-invalid-role-properties", "The role properties are invalid.", null);
        }
        Role role = permissions.role(roleId)
                .orElseThrow(() -> ApiException.meteor("error-role-not-found", "Role not found", null));
        Account user = (request.has("username") ? accounts.byUsername(request.text("username"))
                : accounts.byId(request.text("userId")))
                .orElseThrow(() -> ApiException.meteor("error-invalid-user", "There is no user with this username",
                        null));
        if (Permissions.ROOM_SCOPE.equals(role.scope())) {
            grantInRoom(caller, role, user, request.has("roomId") ? request.text("roomId") : null);
        } else {
            commands.send(new AddRoleToUser(user.id(), role.id()), caller.actor(), "roles.addUserToRole");
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_id", role.id());
        document.put("name", role.id());
        document.put("scope", role.scope());
        document.put("description", role.description());
        document.put("protected", role.isProtected());
        document.put("mandatory2fa", false);
        return Map.of("role", document, "success", true);
    }

    /** As {@code groups.addOwner} does it, with Rocket.Chat's errors for this route. */
    private void grantInRoom(Caller caller, Role role, Account user, String roomId) {
        if (roomId == null) {
            throw ApiException.meteor("error-invalid-role-scope",
                    "The role " + role.id() + " is granted in a room: roomId is required", ADD_USER_TO_ROLE_METHOD);
        }
        if (!ROOM_OWNER.equals(role.id())) {
            throw ApiException.meteor("error-invalid-role-scope",
                    "The role " + role.id() + " is not kept per room on this server", ADD_USER_TO_ROLE_METHOD);
        }
        boolean channelOrGroup = rooms.byId(roomId)
                .filter(room -> RoomCreated.PUBLIC.equals(room.type()) || RoomCreated.PRIVATE.equals(room.type()))
                .isPresent();
        if (!channelOrGroup) {
            throw notInRoom();
        }
        try {
            commands.send(new AddRoomOwner(roomId, user.id()), caller.actor(), "roles.addUserToRole");
        } catch (RoomRuleViolation violation) {
            throw switch (violation.rule()) {
                case ALREADY_OWNER -> ApiException.meteor("error-user-already-in-role", "User already in role", null);
                case NOT_A_MEMBER -> notInRoom();
                default -> violation;
            };
        }
    }

    private static ApiException notInRoom() {
        return ApiException.meteor("error-invalid-user", "User is not part of given room", ADD_USER_TO_ROLE_METHOD);
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
