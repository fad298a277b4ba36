package chat.lifecycle.command.room;

import chat.lifecycle.command.web.BodySchema;
import chat.lifecycle.command.security.Caller;
import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.command.web.Columns;
import static chat.lifecycle.command.web.BodySchema.Type.BOOLEAN;
import static chat.lifecycle.command.web.BodySchema.Type.OBJECT;
import static chat.lifecycle.command.web.BodySchema.Type.STRING;
import static chat.lifecycle.command.web.BodySchema.Type.STRING_ARRAY;

import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.Tokens;
import chat.lifecycle.command.permission.Permissions;
import chat.lifecycle.command.room.AddRoomMember;
import chat.lifecycle.command.room.AddRoomOwner;
import chat.lifecycle.command.room.CreateDirectMessage;
import chat.lifecycle.command.room.CreateRoom;
import chat.lifecycle.command.room.DeleteRoom;
import chat.lifecycle.command.room.RemoveRoomOwner;
import chat.lifecycle.command.room.Room;
import chat.lifecycle.command.room.RoomLookup;
import chat.lifecycle.command.room.RoomLookup.RoomEntry;
import chat.lifecycle.command.room.RoomRuleViolation;
import chat.lifecycle.command.user.UserAccounts;
import chat.lifecycle.command.user.UserAccounts.Account;
import chat.lifecycle.events.room.DirectMessageCreated;
import chat.lifecycle.events.room.RoomCreated;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.ResponseEntity;

/**
 * The room write routes: {@code channels.*} for public channels and {@code groups.*} for private groups share one
 * implementation, told apart by the path ({@code kind}); {@code im.create} makes 1:1 direct messages.
 * Permissions are Rocket.Chat's, room-scoped ones also granted through the room's owner role.
 */
@RestController
@RequestMapping("/api/v1")
public class RoomCommandController {

    private static final Pattern ROOM_NAME = Pattern.compile("[0-9a-zA-Z-_.]+");
    private static final BodySchema CREATE = BodySchema.object()
            .required("name", STRING, Columns.NAME)
            .optional("members", STRING_ARRAY)
            .optional("readOnly", BOOLEAN)
            .optional("excludeSelf", BOOLEAN)
            .optional("extraData", OBJECT)
            .optional("customFields", OBJECT);
    private static final BodySchema ROOM_AND_USER = BodySchema.object()
            .required("roomId", STRING)
            .required("userId", STRING);
    private static final BodySchema ROOM = BodySchema.object()
            .required("roomId", STRING)
            .optional("joinCode", STRING);
    private static final BodySchema DIRECT = BodySchema.object()
            .required("username", STRING)
            .optional("excludeSelf", BOOLEAN);

    private final AuditedCommands commands;
    private final RoomLookup rooms;
    private final UserAccounts accounts;
    private final Permissions permissions;

    public RoomCommandController(AuditedCommands commands, RoomLookup rooms, UserAccounts accounts,
                                 Permissions permissions) {
        this.commands = commands;
        this.rooms = rooms;
        this.accounts = accounts;
        this.permissions = permissions;
    }

    /** {@code channels} or {@code groups}: the room type, and the key Rocket.Chat answers with. */
    private enum Kind {
        channels(RoomCreated.PUBLIC, "channel", "c"),
        groups(RoomCreated.PRIVATE, "group", "p");

        final String type;
        final String key;
        final String permissionSuffix;

        Kind(String type, String key, String permissionSuffix) {
            this.type = type;
            this.key = key;
            this.permissionSuffix = permissionSuffix;
        }

        public String createPermission() {
            return "create-" + permissionSuffix;
        }
    }

    @PreAuthorize("hasAuthority(#kind.createPermission())")
    @PostMapping("/{kind:channels|groups}.create")
    public Map<String, Object> create(@PathVariable Kind kind, @AuthenticationPrincipal Caller caller, ObjectNode body) {
        BodySchema.Values request = CREATE.validate(body);
        String name = request.text("name").trim();
        String method = kind == Kind.channels ? "createChannel" : "createPrivateGroup";
        if (!ROOM_NAME.matcher(name).matches()) {
            throw ApiException.meteor("error-invalid-room-name", name + " is not a valid room name",
                    Map.of("method", method, "room_name", name));
        }
        if (rooms.nameTaken(name)) {
            throw ApiException.meteor("error-duplicate-channel-name", "A channel with name '" + name + "' exists",
                    Map.of("method", method, "channel_name", name));
        }
        List<String> memberIds = new ArrayList<>();
        for (String username : request.has("members") ? request.texts("members") : List.<String>of()) {
            memberIds.add(accounts.byUsername(username).map(Account::id).orElseThrow(() -> ApiException.meteor(
                    "error-invalid-user", "Invalid user " + username, Map.of("method", method))));
        }
        String roomId = Tokens.newId();
        commands.send(new CreateRoom(roomId, kind.type, name, caller.userId(), memberIds,
                request.flag("readOnly", false)), caller.actor(), kind + ".create");
        return Map.of(kind.key, document(rooms.byId(roomId).orElseThrow()), "success", true);
    }

    @PostMapping("/{kind:channels|groups}.invite")
    public Map<String, Object> invite(@PathVariable Kind kind, @AuthenticationPrincipal Caller caller, ObjectNode body) {
        BodySchema.Values request = ROOM_AND_USER.validate(body);
        RoomEntry room = room(kind, request.text("roomId"));
        boolean mayInvite = caller.holds("add-user-to-any-" + kind.permissionSuffix + "-room")
                || (rooms.isMember(room.id(), caller.userId())
                && holdsInRoom(caller, "add-user-to-joined-room", room.id()));
        if (!mayInvite) {
            throw ApiException.forbidden();
        }
        String userId = user(request.text("userId"));
        commands.send(new AddRoomMember(room.id(), userId), caller.actor(), kind + ".invite");
        return Map.of(kind.key, document(rooms.byId(room.id()).orElseThrow()), "success", true);
    }

    @PreAuthorize("hasAuthority('view-c-room')")
    @PostMapping("/channels.join")
    public Map<String, Object> join(@AuthenticationPrincipal Caller caller, ObjectNode body) {
        RoomEntry room = room(Kind.channels, ROOM.validate(body).text("roomId"));
        commands.send(new AddRoomMember(room.id(), caller.userId()), caller.actor(), "channels.join");
        return Map.of(Kind.channels.key, document(rooms.byId(room.id()).orElseThrow()), "success", true);
    }

    @PostMapping("/{kind:channels|groups}.addOwner")
    public Map<String, Object> addOwner(@PathVariable Kind kind, @AuthenticationPrincipal Caller caller, ObjectNode body) {
        BodySchema.Values request = ROOM_AND_USER.validate(body);
        RoomEntry room = room(kind, request.text("roomId"));
        requireInRoom(caller, "set-owner", room.id());
        commands.send(new AddRoomOwner(room.id(), user(request.text("userId"))), caller.actor(),
                kind + ".addOwner");
        return Map.of("success", true);
    }

    @PostMapping("/{kind:channels|groups}.removeOwner")
    public Map<String, Object> removeOwner(@PathVariable Kind kind, @AuthenticationPrincipal Caller caller, ObjectNode body) {
        BodySchema.Values request = ROOM_AND_USER.validate(body);
        RoomEntry room = room(kind, request.text("roomId"));
        requireInRoom(caller, "set-owner", room.id());
        commands.send(new RemoveRoomOwner(room.id(), user(request.text("userId"))), caller.actor(),
                kind + ".removeOwner");
        return Map.of("success", true);
    }

    @PostMapping("/{kind:channels|groups}.delete")
    public Map<String, Object> delete(@PathVariable Kind kind, @AuthenticationPrincipal Caller caller, ObjectNode body) {
        RoomEntry room = room(kind, ROOM.validate(body).text("roomId"));
        requireInRoom(caller, "delete-" + kind.permissionSuffix, room.id());
        commands.send(new DeleteRoom(room.id()), caller.actor(), kind + ".delete");
        return Map.of("success", true);
    }

    /** The caller's 1:1 direct message with {@code username}, created on first use. */
    @PreAuthorize("hasAuthority('create-d')")
    @PostMapping("/im.create")
    public Map<String, Object> createDirect(@AuthenticationPrincipal Caller caller, ObjectNode body) {
        String username = DIRECT.validate(body).text("username");
        Account other = accounts.byUsername(username).orElseThrow(() -> ApiException.meteor("error-invalid-user",
                "Invalid user", Map.of("method", "createDirectMessage")));
        String roomId = Room.directId(caller.userId(), other.id());
        if (rooms.byId(roomId).isEmpty()) {
            commands.send(new CreateDirectMessage(roomId, List.of(caller.userId(), other.id())), caller.actor(),
                    "im.create");
        }
        Map<String, Object> room = new LinkedHashMap<>();
        room.put("_id", roomId);
        room.put("rid", roomId);
        room.put("t", DirectMessageCreated.TYPE);
        room.put("usernames", caller.username().equals(other.username()) ? List.of(other.username())
                : List.of(caller.username(), other.username()).stream().sorted().toList());
        return Map.of("room", room, "success", true);
    }

    @ExceptionHandler(RoomRuleViolation.class)
    ResponseEntity<Map<String, Object>> ruleBroken(RoomRuleViolation violation) {
        ApiException refusal = switch (violation.rule()) {
            case NOT_A_MEMBER -> ApiException.meteor("error-user-not-in-room", "User is not in this room", null);
            case ALREADY_OWNER -> ApiException.meteor("error-user-already-owner", "User is already an owner", null);
            case NOT_AN_OWNER -> ApiException.meteor("error-user-not-owner", "User is not an owner", null);
            case LAST_OWNER -> ApiException.meteor("error-remove-last-owner",
                    "This is the last owner. Please set a new owner before removing this one.", null);
        };
        return ResponseEntity.status(refusal.status()).body(refusal.body());
    }

    private RoomEntry room(Kind kind, String roomId) {
        return rooms.byId(roomId).filter(room -> room.type().equals(kind.type))
                .orElseThrow(() -> ApiException.meteor("error-room-not-found",
                        "The required \"roomId\" or \"roomName\" param provided does not match any "
                                + kind.key, null));
    }

    private String user(String userId) {
        return accounts.byId(userId).map(Account::id)
                .orElseThrow(() -> ApiException.meteor("error-invalid-user", "Invalid user", null));
    }

    /** A permission held globally, or through the owner role of this room. */
    private boolean holdsInRoom(Caller caller, String permission, String roomId) {
        return caller.holds(permission)
                || (rooms.isOwner(roomId, caller.userId()) && permissions.roleHolds("owner", permission));
    }

    private void requireInRoom(Caller caller, String permission, String roomId) {
        if (!holdsInRoom(caller, permission, roomId)) {
            throw ApiException.forbidden();
        }
    }

    private static Map<String, Object> document(RoomEntry room) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_id", room.id());
        document.put("name", room.name());
        document.put("fname", room.name());
        document.put("t", room.type());
        document.put("msgs", 0);
        document.put("usersCount", room.members());
        document.put("u", Map.of("_id", room.creatorId(), "username", String.valueOf(room.creatorUsername())));
        document.put("ts", room.createdAt().toString());
        document.put("ro", room.readOnly());
        document.put("default", false);
        document.put("sysMes", true);
        document.put("_updatedAt", room.createdAt().toString());
        return document;
    }
}
