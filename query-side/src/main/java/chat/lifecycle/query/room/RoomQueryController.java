package chat.lifecycle.query.room;

import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.query.room.RoomViews;
import chat.lifecycle.query.room.RoomViews.Member;
import chat.lifecycle.query.room.RoomViews.RoomView;
import chat.lifecycle.query.room.RoomViews.Subscription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The room read routes. A channel is visible to everyone; a private group or direct message only to its members
 * and to holders of {@value #VIEW_ROOM_ADMINISTRATION}.
 */
@RestController
@RequestMapping("/api/v1")
public class RoomQueryController {

    static final String VIEW_ROOM_ADMINISTRATION = "view-room-administration";

    private final RoomViews rooms;

    public RoomQueryController(RoomViews rooms) {
        this.rooms = rooms;
    }

    @GetMapping("/rooms.info")
    public Map<String, Object> info(Authentication caller, @RequestParam(required = false) String roomId,
                                    @RequestParam(required = false) String roomName) {
        if (absent(roomId) && absent(roomName)) {
            throw ApiException.invalidParams(List.of("must have required property 'roomId'"));
        }
        RoomView room = find(roomId, roomName).orElseThrow(() -> ApiException.failure("Room not found"));
        if (!visible(caller, room)) {
            throw ApiException.forbidden();
        }
        return Map.of("room", document(room), "success", true);
    }

    @GetMapping("/channels.roles")
    public Map<String, Object> channelRoles(Authentication caller, @RequestParam(required = false) String roomId,
                                            @RequestParam(required = false) String roomName) {
        return roles(caller, roomId, roomName, "c", "channel");
    }

    @GetMapping("/groups.roles")
    public Map<String, Object> groupRoles(Authentication caller, @RequestParam(required = false) String roomId,
                                          @RequestParam(required = false) String roomName) {
        return roles(caller, roomId, roomName, "p", "group");
    }

    /** The caller's own subscription; null, as in Rocket.Chat, when they have none. */
    @GetMapping("/subscriptions.getOne")
    public Map<String, Object> subscription(Authentication caller, @RequestParam(required = false) String roomId) {
        if (absent(roomId)) {
            throw ApiException.invalidParams(List.of("must have required property 'roomId'"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subscription", rooms.subscription(roomId, caller.getName())
                .map(RoomQueryController::subscriptionDocument).orElse(null));
        body.put("success", true);
        return body;
    }

    /** A group the caller may not see is answered as missing, so its existence does not leak. */
    private Map<String, Object> roles(Authentication caller, String roomId, String roomName, String type,
                                      String kind) {
        if (absent(roomId) && absent(roomName)) {
            throw ApiException.meteor("error-room-param-not-provided",
                    "The parameter \"roomId\" or \"roomName\" is required", null);
        }
        RoomView room = find(roomId, roomName)
                .filter(found -> found.type().equals(type) && visible(caller, found))
                .orElseThrow(() -> ApiException.meteor("error-room-not-found",
                        "The required \"roomId\" or \"roomName\" param provided does not match any " + kind, null));
        List<Map<String, Object>> roles = rooms.owners(room.id()).stream().map(owner -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("rid", room.id());
            entry.put("u", user(owner));
            entry.put("roles", List.of("owner"));
            return entry;
        }).toList();
        return Map.of("roles", roles, "success", true);
    }

    private Optional<RoomView> find(String roomId, String roomName) {
        return absent(roomId) ? rooms.byName(roomName) : rooms.byId(roomId);
    }

    private boolean visible(Authentication caller, RoomView room) {
        return room.type().equals("c") || rooms.subscription(room.id(), caller.getName()).isPresent()
                || AuthorityUtils.authorityListToSet(caller.getAuthorities()).contains(VIEW_ROOM_ADMINISTRATION);
    }

    /** Rocket.Chat's room fields; a direct message has no name or creator but lists its participants. */
    private Map<String, Object> document(RoomView room) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_id", room.id());
        if (!room.direct()) {
            document.put("name", room.name());
            document.put("fname", room.name());
        }
        document.put("t", room.type());
        document.put("ro", room.ro());
        document.put("usersCount", room.usersCount());
        if (room.direct()) {
            List<Member> participants = rooms.members(room.id());
            document.put("uids", participants.stream().map(Member::userId).toList());
            document.put("usernames", participants.stream().map(Member::username).toList());
        } else if (room.creator() != null) {
            document.put("u", user(room.creator()));
        }
        document.put("ts", room.createdAt().toString());
        document.put("_updatedAt", room.updatedAt().toString());
        document.put("default", false);
        return document;
    }

    private static Map<String, Object> subscriptionDocument(Subscription subscription) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_id", subscription.roomId() + subscription.user().userId());
        document.put("rid", subscription.roomId());
        document.put("t", subscription.roomType());
        document.put("ts", subscription.joinedAt().toString());
        document.put("u", user(subscription.user()));
        document.put("open", true);
        document.put("archived", subscription.archived());
        document.put("roles", subscription.owner() ? List.of("owner") : List.of());
        return document;
    }

    private static Map<String, Object> user(Member member) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("_id", member.userId());
        user.put("username", member.username());
        return user;
    }

    private static boolean absent(String param) {
        return param == null || param.isEmpty();
    }
}
