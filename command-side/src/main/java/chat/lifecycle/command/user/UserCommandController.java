package chat.lifecycle.command.user;

import chat.lifecycle.command.web.BodySchema;
import chat.lifecycle.command.security.Caller;
import chat.lifecycle.command.web.ApiErrorHandler;
import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.command.web.Columns;
import static chat.lifecycle.command.web.BodySchema.Type.BOOLEAN;
import static chat.lifecycle.command.web.BodySchema.Type.INTEGER;
import static chat.lifecycle.command.web.BodySchema.Type.OBJECT;
import static chat.lifecycle.command.web.BodySchema.Type.STRING;
import static chat.lifecycle.command.web.BodySchema.Type.STRING_ARRAY;

import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.Passwords;
import chat.lifecycle.command.credentials.Tokens;
import chat.lifecycle.command.deactivation.CleanupWait;
import chat.lifecycle.command.permission.Permissions;
import chat.lifecycle.command.user.AccountNames;
import chat.lifecycle.command.user.CreateUser;
import chat.lifecycle.command.user.DeactivateIdleUser;
import chat.lifecycle.command.user.DeleteUser;
import chat.lifecycle.command.user.SetActiveStatus;
import chat.lifecycle.command.user.UserAccounts;
import chat.lifecycle.command.user.UserAccounts.Account;
import chat.lifecycle.command.user.UserRuleViolation;
import chat.lifecycle.events.query.FindUserStatus;
import chat.lifecycle.events.query.UserStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The user write routes: create, delete, set the active status and deactivate idle users. */
@RestController
@RequestMapping("/api/v1")
public class UserCommandController {

    static final String EDIT_STATUS = "edit-other-user-active-status";
    static final String MODERATE = "manage-moderation-actions";

    private static final BodySchema SET_ACTIVE_STATUS = BodySchema.object()
            .required("userId", STRING)
            .required("activeStatus", BOOLEAN)
            .nullable("confirmRelinquish", BOOLEAN);

    private static final BodySchema CREATE = BodySchema.object()
            .required("email", STRING, Columns.EMAIL)
            .required("name", STRING, Columns.NAME)
            .required("password", STRING)
            .required("username", STRING, Columns.NAME)
            .nullable("active", BOOLEAN)
            .optional("bio", STRING)
            .optional("nickname", STRING)
            .optional("statusText", STRING)
            .optional("roles", STRING_ARRAY)
            .optional("joinDefaultChannels", BOOLEAN)
            .optional("requirePasswordChange", BOOLEAN)
            .optional("setRandomPassword", BOOLEAN)
            .optional("sendWelcomeEmail", BOOLEAN)
            .optional("verified", BOOLEAN)
            .optional("customFields", OBJECT);

    private static final BodySchema DEACTIVATE_IDLE = BodySchema.object()
            .required("daysIdle", INTEGER)
            .optional("role", STRING);

    private static final BodySchema DELETE = BodySchema.object()
            .optional("userId", STRING)
            .optional("username", STRING)
            .nullable("confirmRelinquish", BOOLEAN);

    /**
     * A century: longer than anyone can have been idle, and a cutoff every database's timestamps hold (a billion days
     * before now is before the earliest PostgreSQL can store).
     */
    private static final long MAX_DAYS_IDLE = 36_500;

    private final AuditedCommands commands;
    private final QueryGateway queries;
    private final UserAccounts accounts;
    private final Permissions permissions;
    private final Passwords passwords;
    private final CleanupWait cleanupWait;

    public UserCommandController(AuditedCommands commands, QueryGateway queries, UserAccounts accounts,
                                 Permissions permissions, Passwords passwords,
                                 CleanupWait cleanupWait) {
        this.commands = commands;
        this.queries = queries;
        this.accounts = accounts;
        this.permissions = permissions;
        this.passwords = passwords;
        this.cleanupWait = cleanupWait;
    }

    /** Checks in Rocket.Chat's order: permission (403), body (400), moderation-only callers, then the rules. */
    @PreAuthorize("hasAnyAuthority('edit-other-user-active-status', 'manage-moderation-actions')")
    @PostMapping("/users.setActiveStatus")
    public Map<String, Object> setActiveStatus(@AuthenticationPrincipal Caller caller, ObjectNode body) {
        BodySchema.Values request = SET_ACTIVE_STATUS.validate(body);
        if (!caller.holds(EDIT_STATUS)) {
            throw UserErrors.notAllowed();
        }
        String userId = request.text("userId");
        boolean active = request.flag("activeStatus", false);
        // an unknown or deleted user fails to load: ApiErrorHandler answers "User not found"
        Integer deactivation = commands.send(new SetActiveStatus(userId, active,
                request.flag("confirmRelinquish", false)), caller.actor(), "users.setActiveStatus");
        if (deactivation != null) {
            cleanupWait.await(userId, deactivation); // the 200 means the rooms are handed over too
        }
        UserStatus view = statusView(userId);
        if (view == null) {
            throw ApiException.failure("User not found");
        }
        return Map.of("user", view, "success", true);
    }

    /**
     * Deactivates every active user with the role (default {@code user}) not seen for {@code daysIdle} days, one
     * command each; a repeat finds nobody left and counts 0. The last active admin is skipped, and named in
     * {@code skipped}. The caller comes last, so the admin kept, if any, is the one evidently not idle.
     */
    @PreAuthorize("hasAuthority('edit-other-user-active-status')")
    @PostMapping("/users.deactivateIdle")
    public Map<String, Object> deactivateIdle(@AuthenticationPrincipal Caller caller, ObjectNode body) {
        BodySchema.Values request = DEACTIVATE_IDLE.validate(body);
        long days = request.integer("daysIdle");
        if (days < 0) {
            throw ApiException.invalidParams(List.of("must be >= 0"));
        }
        if (days > MAX_DAYS_IDLE) {
            throw ApiException.invalidParams(List.of("must be <= " + MAX_DAYS_IDLE));
        }
        String role = request.has("role") ? request.text("role") : "user";
        Instant cutoff = Instant.now().minus(Duration.ofDays(days));
        List<String> idle = new ArrayList<>(accounts.idleSince(cutoff, role));
        if (idle.remove(caller.userId())) {
            idle.add(caller.userId());
        }
        int deactivated = 0;
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (String userId : idle) {
            try {
                if (commands.<Boolean>send(new DeactivateIdleUser(userId), caller.actor(), "users.deactivateIdle")) {
                    deactivated++; // and its cleanup is done: an idle deactivation hands no room over
                }
            } catch (UserRuleViolation violation) {
                if (violation.rule() != UserRuleViolation.Rule.LAST_ACTIVE_ADMIN) {
                    throw violation;
                }
                skipped.add(lastActiveAdmin(userId));
            } catch (AggregateNotFoundException deletedMeanwhile) {
                // nobody left to deactivate
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", deactivated);
        if (!skipped.isEmpty()) {
            answer.put("skipped", skipped);
        }
        answer.put("success", true);
        return answer;
    }

    private Map<String, Object> lastActiveAdmin(String userId) {
        Map<String, Object> skipped = new LinkedHashMap<>();
        skipped.put("_id", userId);
        skipped.put("username", accounts.byId(userId).map(Account::username).orElse(null));
        skipped.put("reason", "last-active-admin");
        return skipped;
    }

    @PreAuthorize("hasAuthority('create-user')")
    @PostMapping("/users.create")
    public Map<String, Object> create(@AuthenticationPrincipal Caller caller, ObjectNode body) {
        BodySchema.Values request = CREATE.validate(body);
        String username = request.text("username").trim();
        String email = request.text("email").trim();
        requireFilled("Username", username);
        requireFilled("Email", email);
        requireFilled("Name", request.text("name").trim());
        requireFilled("Password", request.text("password"));
        if (!AccountNames.validUsername(username)) {
            throw ApiException.meteor("error-invalid-username", "Invalid username",
                    Map.of("method", "insertOrUpdateUser"));
        }
        if (!AccountNames.validEmail(email)) {
            throw ApiException.meteor("error-invalid-email", "Invalid email " + email,
                    Map.of("method", "insertOrUpdateUser"));
        }
        Set<String> roles = new LinkedHashSet<>(request.has("roles") ? request.texts("roles") : List.of("user"));
        for (String role : roles) {
            if (!permissions.roleExists(role)) {
                throw ApiException.meteor("error-invalid-role", "Invalid role", Map.of("method", "insertOrUpdateUser"));
            }
        }
        refuseTaken(username, email);
        String userId = Tokens.newId();
        try {
            commands.send(new CreateUser(userId, username, request.text("name").trim(), email,
                    request.flag("verified", false), passwords.hash(request.text("password")), roles,
                    request.flag("active", true), false), caller.actor(), "users.create");
        } catch (DuplicateKeyException raced) {
            // A creation of the same name or email committed between the check and this one's lookup insert, whose
            // unique key refused it: the whole transaction, event included, rolled back.
            refuseTaken(username, email);
            throw raced;
        }
        Account created = accounts.byId(userId).orElseThrow();
        return Map.of("user", UserDocuments.of(created), "success", true);
    }

    @PreAuthorize("hasAuthority('delete-user')")
    @PostMapping("/users.delete")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, ObjectNode body) {
        BodySchema.Values request = DELETE.validate(body);
        if (!request.has("userId") && !request.has("username")) {
            throw ApiException.invalidParams(List.of("must have required property 'userId'"));
        }
        Account user = (request.has("userId") ? accounts.byId(request.text("userId"))
                : accounts.byUsername(request.text("username")))
                .orElseThrow(() -> ApiException.meteor("error-invalid-user",
                        "The required \"userId\" or \"username\" param provided does not match any user", null));
        try {
            List<String> relinquished = commands.send(new DeleteUser(user.id(), request.flag("confirmRelinquish",
                    false)), caller.actor(), "users.delete");
            if (!relinquished.isEmpty()) {
                cleanupWait.awaitHandOver(user.id(), relinquished); // the 200 means the rooms are handed over
            }
        } catch (UserRuleViolation violation) {
            if (violation.rule() != UserRuleViolation.Rule.LAST_ACTIVE_ADMIN) {
                throw violation;
            }
            throw ApiException.meteor("error-action-not-allowed", "Leaving the app without admins is not allowed",
                    Map.of("method", "deleteUser", "action", "Remove_last_admin"));
        }
        return Map.of("success", true);
    }

    private void refuseTaken(String username, String email) {
        if (accounts.byUsername(username).isPresent()) {
            throw UserErrors.of(new UserRuleViolation(UserRuleViolation.Rule.USERNAME_TAKEN, username));
        }
        if (accounts.byEmail(email).isPresent()) {
            throw UserErrors.of(new UserRuleViolation(UserRuleViolation.Rule.EMAIL_TAKEN, email));
        }
    }

    /**
     * The answer comes from the query side's read model. Split from it (a command-side JVM has no handler for the
     * query), the command-side lookup answers: it holds the same status, committed with the events.
     */
    private UserStatus statusView(String userId) {
        try {
            return queries.query(new FindUserStatus(userId), ResponseTypes.instanceOf(UserStatus.class)).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof NoHandlerForQueryException)) {
                throw e;
            }
            return accounts.byId(userId).map(account -> new UserStatus(account.id(), account.active())).orElse(null);
        }
    }

    private static void requireFilled(String field, String value) {
        if (value.isEmpty()) {
            throw ApiException.meteor("error-the-field-is-required", "The field " + field + " is required",
                    Map.of("method", "insertOrUpdateUser", "field", field));
        }
    }
}
