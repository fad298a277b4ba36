package chat.lifecycle.query.user;

import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.query.audit.StatusHistoryProjection;
import chat.lifecycle.query.audit.StatusHistoryProjection.StatusChange;
import chat.lifecycle.query.user.UserViews;
import chat.lifecycle.query.user.UserViews.Page;
import chat.lifecycle.query.user.UserViews.UserView;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The user read routes, served from the read models. The caller comes from Spring Security: the principal's name
 * is the user id and the authorities are the permissions the caller holds.
 */
@RestController
@RequestMapping("/api/v1")
public class UserQueryController {

    static final String VIEW_FULL = "view-full-other-user-info";
    private static final int DEFAULT_PAGE = 50;

    private final UserViews users;
    private final StatusHistoryProjection history;

    public UserQueryController(UserViews users, StatusHistoryProjection history) {
        this.users = users;
        this.history = history;
    }

    @GetMapping("/me")
    public Map<String, Object> me(Authentication caller) {
        UserView me = users.byId(caller.getName()).orElseThrow(() -> ApiException.failure("User not found."));
        Map<String, Object> body = document(me, true);
        body.put("settings", Map.of("preferences", Map.of()));
        body.put("success", true);
        return body;
    }

    @GetMapping("/users.info")
    public Map<String, Object> info(Authentication caller, @RequestParam(required = false) String userId,
                                    @RequestParam(required = false) String username) {
        if (userId == null && username == null) {
            throw ApiException.meteor("error-user-param-not-provided",
                    "The required \"userId\" or \"username\" param was not provided", null);
        }
        UserView user = (userId != null ? users.byId(userId) : users.byUsername(username))
                .orElseThrow(() -> ApiException.failure("User not found."));
        boolean full = user.id().equals(caller.getName()) || holds(caller, VIEW_FULL);
        return Map.of("user", document(user, full), "success", true);
    }

    @PreAuthorize("hasAuthority('view-d-room')")
    @GetMapping("/users.list")
    public Map<String, Object> list(Authentication caller, @RequestParam(defaultValue = "0") int offset,
                                    @RequestParam(defaultValue = "" + DEFAULT_PAGE) int count) {
        return page(users.page(null, List.of(), null, Math.max(offset, 0), bounded(count)), offset,
                holds(caller, VIEW_FULL));
    }

    @PreAuthorize("hasAuthority('view-user-administration')")
    @GetMapping("/users.listByStatus")
    public Map<String, Object> listByStatus(Authentication caller,
                                            @RequestParam(required = false) String status,
                                            @RequestParam(required = false, name = "roles[]") List<String> roles,
                                            @RequestParam(required = false) String searchTerm,
                                            @RequestParam(defaultValue = "0") int offset,
                                            @RequestParam(defaultValue = "" + DEFAULT_PAGE) int count) {
        Boolean active = switch (status == null ? "" : status) {
            case "" -> null;
            case "active" -> true;
            case "deactivated" -> false;
            default -> throw ApiException.invalidParams(List.of("must be equal to one of the allowed values"));
        };
        return page(users.page(active, roles == null ? List.of() : roles, searchTerm, Math.max(offset, 0),
                bounded(count)), offset, true);
    }

    /** Every real change of the user's status, oldest first; with {@code at}, the status at that instant. */
    @GetMapping("/users.statusHistory")
    public Map<String, Object> statusHistory(Authentication caller, @RequestParam(required = false) String userId,
                                             @RequestParam(required = false) String at) {
        if (userId == null || userId.isEmpty()) {
            throw ApiException.invalidParams(List.of("must have required property 'userId'"));
        }
        if (!userId.equals(caller.getName()) && !holds(caller, VIEW_FULL)) {
            throw ApiException.forbidden();
        }
        List<StatusChange> changes = history.history(userId);
        if (changes.isEmpty()) {
            throw ApiException.failure("User not found");
        }
        if (at != null) {
            return statusAt(userId, instant(at));
        }
        return Map.of("history", changes.stream().map(UserQueryController::entry).toList(), "success", true);
    }

    private Map<String, Object> statusAt(String userId, Instant at) {
        StatusChange change = history.asOf(userId, at)
                .orElseThrow(() -> ApiException.failure("User did not exist at " + at));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("at", at.toString());
        body.put("active", change.active());
        body.put("success", true);
        return body;
    }

    /**
     * An RFC 3339 date-time, as ajv's {@code date-time} format checks it: a four-digit year. Java reads years up to a
     * billion, which no database column holds.
     */
    private static Instant instant(String text) {
        try {
            OffsetDateTime at = OffsetDateTime.parse(text);
            if (at.getYear() >= 0 && at.getYear() <= 9999) {
                return at.toInstant();
            }
        } catch (DateTimeParseException notADateTime) {
            // refused below
        }
        throw ApiException.invalidParams(List.of("must match format \"date-time\""));
    }

    private static Map<String, Object> entry(StatusChange change) {
        Map<String, Object> by = new LinkedHashMap<>();
        by.put("_id", change.actorId());
        by.put("username", change.actorUsername());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", change.at().toString());
        entry.put("active", change.active());
        entry.put("by", by);
        entry.put("confirmRelinquish", change.confirmRelinquish());
        entry.put("cause", change.cause());
        if (!change.active()) {
            entry.put("cleanup", change.cleanup() == null ? "pending" : change.cleanup());
        }
        return entry;
    }

    private static Map<String, Object> page(Page page, int offset, boolean full) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("users", page.users().stream().map(user -> document(user, full)).toList());
        body.put("count", page.users().size());
        body.put("offset", Math.max(offset, 0));
        body.put("total", page.total());
        body.put("success", true);
        return body;
    }

    /** Rocket.Chat's public user fields; roles and emails only for the user themself or a privileged caller. */
    private static Map<String, Object> document(UserView user, boolean full) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_id", user.id());
        document.put("username", user.username());
        document.put("name", user.name());
        document.put("type", user.type());
        document.put("status", "offline");
        document.put("active", user.active());
        document.put("createdAt", user.createdAt().toString());
        document.put("_updatedAt", user.updatedAt().toString());
        if (user.lastLogin() != null) {
            document.put("lastLogin", user.lastLogin().toString());
        }
        if (full) {
            document.put("roles", user.roles());
            if (user.email() != null) {
                document.put("emails", List.of(Map.of("address", user.email(), "verified", user.emailVerified())));
            }
        }
        return document;
    }

    private static int bounded(int count) {
        return count <= 0 ? DEFAULT_PAGE : Math.min(count, 1000);
    }

    static boolean holds(Authentication caller, String permission) {
        return AuthorityUtils.authorityListToSet(caller.getAuthorities()).contains(permission);
    }
}
