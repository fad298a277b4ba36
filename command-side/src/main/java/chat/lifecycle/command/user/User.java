package chat.lifecycle.command.user;

import static chat.lifecycle.command.user.UserRuleViolation.Rule.ALREADY_IN_ROLE;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.LAST_ACTIVE_ADMIN;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.LAST_OWNER_OF_ROOMS;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.TOKEN_NAME_TAKEN;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.TOKEN_NOT_FOUND;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.USER_IS_FEDERATED;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.USER_NOT_ACTIVATED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import chat.lifecycle.command.credentials.IssueLoginToken;
import chat.lifecycle.command.credentials.IssuePersonalAccessToken;
import chat.lifecycle.command.credentials.RemovePersonalAccessToken;
import chat.lifecycle.command.credentials.RevokeLoginToken;
import chat.lifecycle.command.credentials.RevokeStaleLoginTokens;
import chat.lifecycle.command.deactivation.DeactivationSaga;
import chat.lifecycle.command.deactivation.RecordDeactivationCleanup;
import chat.lifecycle.events.user.DeactivationCleanupCompleted;
import chat.lifecycle.events.user.LoginTokenIssued;
import chat.lifecycle.events.user.LoginTokenRevoked;
import chat.lifecycle.events.user.LoginTokensRevoked;
import chat.lifecycle.events.user.PersonalAccessTokenIssued;
import chat.lifecycle.events.user.PersonalAccessTokenRemoved;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import chat.lifecycle.events.user.UserExternalIdChanged;
import chat.lifecycle.events.user.UserRoleAdded;
import chat.lifecycle.events.user.UserRoleRemoved;
import chat.lifecycle.events.user.UserRoomsRelinquished;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user account and the login tokens issued to it. Status and tokens share one consistency boundary on
 * purpose: whether a token was issued before a deactivation is decided by the order of this aggregate's own
 * events, with no clocks involved. Each deactivation opens a new credential epoch; tokens of older epochs are
 * void at once, and deleted in the same transaction (or by the deactivation saga, when rooms are handed over).
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshots")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE) // snapshots hold the fields as they are
public class User {

    static final String ADMIN = "admin";

    @AggregateIdentifier
    private String userId;
    private boolean active;
    private boolean federated;
    private String externalId;
    private final Set<String> roles = new HashSet<>();
    private int credentialEpoch;
    /** Tokens of epochs below this one are already deleted. */
    private int revokedBeforeEpoch;
    /** The latest epoch whose deactivation receipt is recorded. */
    private int cleanupRecordedEpoch;
    private final Map<String, LoginToken> tokensByHash = new HashMap<>();

    /** A login token; {@code name} is set for personal access tokens only. */
    private record LoginToken(String tokenId, int epoch, String name) {
    }

    protected User() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public User(CreateUser command) {
        apply(new UserCreated(command.userId(), command.username(), command.name(), command.email(),
                command.emailVerified(), command.passwordHash(), Set.copyOf(command.roles()), command.active(),
                "user", command.federated()));
        if (command.externalId() != null) {
            apply(new UserExternalIdChanged(command.userId(), command.externalId()));
        }
    }

    @CommandHandler
    public void handle(ChangeExternalId command) {
        if (!java.util.Objects.equals(command.externalId(), externalId)) {
            apply(new UserExternalIdChanged(userId, command.externalId()));
        }
    }

    /**
     * Answers the credential epoch of the deactivation it recorded if the deactivation saga completes it (the epoch is
     * the key to wait for): when it relinquished rooms, or an earlier deactivation's saga still runs. Otherwise the
     * deactivation is complete at its commit ({@link chat.lifecycle.command.deactivation.DeactivationCleanup}), and
     * the answer is null.
     */
    @CommandHandler
    public Integer handle(SetActiveStatus command, ActiveAdmins activeAdmins, RoomsToHandOver rooms) {
        if (federated) {
            throw new UserRuleViolation(USER_IS_FEDERATED, userId);
        }
        if (command.active() == active) {
            // A repeated deactivation of a user whose rooms still depend on them (an idle deactivation leaves rooms
            // alone) applies the last-owner rule and the hand-over, as Rocket.Chat's repeat does; others are no-ops.
            if (!active && !relinquish(rooms, command.confirmRelinquish()).isEmpty()) {
                apply(new UserRoomsRelinquished(userId, credentialEpoch));
            }
            return null;
        }
        if (command.active()) {
            apply(new UserActivated(userId));
            return null;
        }
        requireAnotherActiveAdmin(activeAdmins);
        List<String> relinquished = relinquish(rooms, command.confirmRelinquish()).roomIds();
        UserDeactivated deactivated = new UserDeactivated(userId, command.confirmRelinquish(), credentialEpoch + 1,
                true, earlierCleanupPending() ? null : relinquished);
        apply(deactivated);
        return DeactivationSaga.leftToSaga(deactivated) ? credentialEpoch : null;
    }

    /** Answers whether it deactivated the user; the cleanup is complete at the commit (no room is handed over). */
    @CommandHandler
    public boolean handle(DeactivateIdleUser command, ActiveAdmins activeAdmins) {
        if (!active) {
            return false;
        }
        requireAnotherActiveAdmin(activeAdmins);
        apply(new UserDeactivated(userId, false, credentialEpoch + 1, false,
                earlierCleanupPending() ? null : List.of()));
        return true;
    }

    /**
     * Whether the last deactivation's receipt is still to be recorded by its saga: a new deactivation is then left to
     * that saga ({@code relinquishedRoomIds} null), which moves on to it, so one receipt covers both.
     */
    private boolean earlierCleanupPending() {
        return cleanupRecordedEpoch < credentialEpoch;
    }

    /** The last active admin keeps the admin role, as they cannot be deactivated. */
    @CommandHandler
    public void handle(RemoveRoleFromUser command, ActiveAdmins activeAdmins) {
        if (!roles.contains(command.role())) {
            return;
        }
        if (ADMIN.equals(command.role())) {
            requireAnotherActiveAdmin(activeAdmins);
        }
        apply(new UserRoleRemoved(userId, command.role()));
    }

    @CommandHandler
    public void handle(AddRoleToUser command) {
        if (roles.contains(command.role())) {
            throw new UserRuleViolation(ALREADY_IN_ROLE, command.role());
        }
        apply(new UserRoleAdded(userId, command.role()));
    }

    /** Answers the ids of the rooms the deletion relinquished, which the deactivation saga hands over. */
    @CommandHandler
    public List<String> handle(DeleteUser command, ActiveAdmins activeAdmins, RoomsToHandOver rooms) {
        requireAnotherActiveAdmin(activeAdmins);
        List<String> relinquished = relinquish(rooms, command.confirmRelinquish()).roomIds();
        apply(new UserDeleted(userId, relinquished));
        return relinquished;
    }

    @CommandHandler
    public void handle(IssueLoginToken command) {
        if (!active) {
            throw new UserRuleViolation(USER_NOT_ACTIVATED, userId);
        }
        apply(new LoginTokenIssued(userId, command.tokenId(), command.hashedToken(), credentialEpoch));
    }

    @CommandHandler
    public void handle(IssuePersonalAccessToken command) {
        if (!active) {
            throw new UserRuleViolation(USER_NOT_ACTIVATED, userId);
        }
        if (personalAccessToken(command.name()).isPresent()) {
            throw new UserRuleViolation(TOKEN_NAME_TAKEN, command.name());
        }
        apply(new PersonalAccessTokenIssued(userId, command.tokenId(), command.name(), command.hashedToken(),
                command.lastTokenPart(), credentialEpoch));
    }

    @CommandHandler
    public void handle(RemovePersonalAccessToken command) {
        LoginToken token = personalAccessToken(command.name())
                .orElseThrow(() -> new UserRuleViolation(TOKEN_NOT_FOUND, command.name()));
        apply(new PersonalAccessTokenRemoved(userId, token.tokenId(), command.name()));
    }

    @CommandHandler
    public void handle(RevokeLoginToken command) {
        LoginToken token = tokensByHash.get(command.hashedToken());
        if (token != null) {
            apply(new LoginTokenRevoked(userId, token.tokenId()));
        }
    }

    /** Answers the confirmation it recorded, or null when this deactivation's tokens were already gone. */
    @CommandHandler
    public LoginTokensRevoked handle(RevokeStaleLoginTokens command) {
        if (command.credentialEpoch() <= revokedBeforeEpoch) {
            return null;
        }
        List<LoginToken> stale = tokensByHash.values().stream()
                .filter(token -> token.epoch() < command.credentialEpoch())
                .sorted(java.util.Comparator.comparing(LoginToken::tokenId))
                .toList();
        LoginTokensRevoked revoked = new LoginTokensRevoked(userId, stale.stream().map(LoginToken::tokenId).toList(),
                command.credentialEpoch(),
                stale.stream().filter(token -> token.name() != null).map(LoginToken::tokenId).toList());
        apply(revoked);
        return revoked;
    }

    /** The receipt of a deactivation's cleanup, once; a later epoch's covers an earlier one still unrecorded. */
    @CommandHandler
    public void handle(RecordDeactivationCleanup command) {
        DeactivationCleanupCompleted receipt = command.receipt();
        if (receipt.credentialEpoch() > cleanupRecordedEpoch) {
            apply(receipt);
        }
    }

    /** A personal access token of the current epoch; void ones of older epochs neither block nor match a name. */
    private Optional<LoginToken> personalAccessToken(String name) {
        return tokensByHash.values().stream()
                .filter(token -> name.equals(token.name()) && token.epoch() == credentialEpoch)
                .findFirst();
    }

    /** The rooms that depend on the user; the last-owner rule refuses to leave them unless it is confirmed. */
    private RoomsToHandOver.HandOver relinquish(RoomsToHandOver rooms, boolean confirmed) {
        RoomsToHandOver.HandOver relinquished = rooms.of(userId);
        if (!relinquished.isEmpty() && !confirmed) {
            throw new UserRuleViolation(LAST_OWNER_OF_ROOMS, userId, relinquished);
        }
        return relinquished;
    }

    /** Only an active admin can be the last one; the lookup answers for everybody else. */
    private void requireAnotherActiveAdmin(ActiveAdmins activeAdmins) {
        if (active && roles.contains(ADMIN) && !activeAdmins.anyOtherThan(userId)) {
            throw new UserRuleViolation(LAST_ACTIVE_ADMIN, userId);
        }
    }

    @EventSourcingHandler
    void on(UserCreated event) {
        userId = event.userId();
        active = event.active();
        federated = event.federated();
        roles.addAll(event.roles());
    }

    @EventSourcingHandler
    void on(UserExternalIdChanged event) {
        externalId = event.externalId();
    }

    @EventSourcingHandler
    void on(UserActivated event) {
        active = true;
    }

    @EventSourcingHandler
    void on(UserDeactivated event) {
        active = false;
        credentialEpoch = event.credentialEpoch();
    }

    @EventSourcingHandler
    void on(DeactivationCleanupCompleted event) {
        cleanupRecordedEpoch = event.credentialEpoch();
    }

    @EventSourcingHandler
    void on(UserRoleAdded event) {
        roles.add(event.role());
    }

    @EventSourcingHandler
    void on(UserRoleRemoved event) {
        roles.remove(event.role());
    }

    @EventSourcingHandler
    void on(UserDeleted event) {
        markDeleted();
    }

    @EventSourcingHandler
    void on(LoginTokenIssued event) {
        tokensByHash.put(event.hashedToken(), new LoginToken(event.tokenId(), event.credentialEpoch(), null));
    }

    @EventSourcingHandler
    void on(PersonalAccessTokenIssued event) {
        tokensByHash.put(event.hashedToken(),
                new LoginToken(event.tokenId(), event.credentialEpoch(), event.name()));
    }

    @EventSourcingHandler
    void on(PersonalAccessTokenRemoved event) {
        tokensByHash.values().removeIf(token -> token.tokenId().equals(event.tokenId()));
    }

    @EventSourcingHandler
    void on(LoginTokenRevoked event) {
        tokensByHash.values().removeIf(token -> token.tokenId().equals(event.tokenId()));
    }

    @EventSourcingHandler
    void on(LoginTokensRevoked event) {
        tokensByHash.values().removeIf(token -> token.epoch() < event.credentialEpoch());
        revokedBeforeEpoch = event.credentialEpoch();
    }
}
