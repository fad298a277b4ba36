package chat.lifecycle.command.scim;

import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.Passwords;
import chat.lifecycle.command.credentials.Tokens;
import chat.lifecycle.command.deactivation.CleanupWait;
import chat.lifecycle.command.scim.ScimUserDirectory.StoredUser;
import chat.lifecycle.command.user.AddRoleToUser;
import chat.lifecycle.command.user.ChangeExternalId;
import chat.lifecycle.command.user.CreateUser;
import chat.lifecycle.command.user.DeleteUser;
import chat.lifecycle.command.user.RemoveRoleFromUser;
import chat.lifecycle.command.user.SetActiveStatus;
import chat.lifecycle.command.user.UserAccounts;
import chat.lifecycle.command.user.UserRuleViolation;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Turns SCIM writes into the commands the REST routes send, through {@link AuditedCommands} with the caller as actor
 * (so each is checked against the caller's live credential) and {@value Scim#CAUSE} as cause. A deactivation is
 * {@code users.setActiveStatus}'s: an identity provider cannot answer the last-owner question and offboarding must not
 * wait on it, so it confirms the relinquishment (rooms handed over or deleted by the usual rules), and the answer
 * waits for the cleanup. An {@code If-Match} version goes with the first command, which Axon refuses unless the user
 * is still at that version when the command commits.
 */
@Component
class ScimProvisioning {

    private final AuditedCommands commands;
    private final UserAccounts accounts;
    private final Passwords passwords;
    private final CleanupWait cleanupWait;

    ScimProvisioning(AuditedCommands commands, UserAccounts accounts, Passwords passwords, CleanupWait cleanupWait) {
        this.commands = commands;
        this.accounts = accounts;
        this.passwords = passwords;
        this.cleanupWait = cleanupWait;
    }

    /** Creates the user with the role {@code user}; answers its id. */
    String create(NewUser user, Actor actor) {
        refuseTaken(user);
        String userId = Tokens.newId();
        String passwordHash = user.password() == null ? null : passwords.hash(user.password());
        try {
            commands.send(new CreateUser(userId, user.userName(), user.name(), user.email(), false, passwordHash,
                    Set.of("user"), user.active(), false, user.externalId()), actor, Scim.CAUSE);
        } catch (DuplicateKeyException raced) {
            // a creation of the same name or email committed between the check and this one's lookup insert
            refuseTaken(user);
            throw raced;
        }
        return userId;
    }

    /**
     * The changes, the external id first. A requested status is sent even when the user has it already, as the REST
     * route does: a deactivation repeated after an idle deactivation still hands over the rooms left behind.
     */
    void change(StoredUser user, UserChanges changes, Long expectedVersion, Actor actor) {
        Long version = expectedVersion;
        if (changes.externalIdChanged()) {
            commands.send(new ChangeExternalId(user.id(), changes.externalId(), version), actor, Scim.CAUSE);
            version = null;
        }
        if (changes.active() != null) {
            Integer deactivation = commands.send(new SetActiveStatus(user.id(), changes.active(), true, version),
                    actor, Scim.CAUSE);
            version = null;
            if (deactivation != null) {
                cleanupWait.await(user.id(), deactivation); // the answer means the cleanup is done
            }
        }
        if (version != null && version != user.version()) {
            throw ScimError.versionMismatch(); // nothing to write, and the version is not the one named
        }
    }

    /** {@code users.delete}'s command, the relinquishment confirmed as for a deactivation, rooms handed over first. */
    void delete(String userId, Long expectedVersion, Actor actor) {
        List<String> relinquished = commands.send(new DeleteUser(userId, true, expectedVersion), actor, Scim.CAUSE);
        if (!relinquished.isEmpty()) {
            cleanupWait.awaitHandOver(userId, relinquished); // the answer means the rooms are handed over
        }
    }

    /**
     * A group's membership: the role granted to the users added, first, then taken from those removed (so a
     * replacement of the admins keeps one). The last active admin keeps the admin role (400 mutability).
     */
    void changeMembers(String role, MemberChanges changes, Actor actor) {
        for (String userId : changes.added()) {
            if (accounts.byId(userId).isEmpty()) {
                throw ScimError.invalidValue("no user " + userId);
            }
            try {
                commands.send(new AddRoleToUser(userId, role), actor, Scim.CAUSE);
            } catch (UserRuleViolation violation) {
                if (violation.rule() != UserRuleViolation.Rule.ALREADY_IN_ROLE) {
                    throw violation;
                }
            }
        }
        for (String userId : changes.removed()) {
            commands.send(new RemoveRoleFromUser(userId, role), actor, Scim.CAUSE);
        }
    }

    private void refuseTaken(NewUser user) {
        if (accounts.byUsername(user.userName()).isPresent()) {
            throw ScimError.uniqueness("userName " + user.userName() + " is taken");
        }
        if (accounts.byEmail(user.email()).isPresent()) {
            throw ScimError.uniqueness("email " + user.email() + " is taken");
        }
    }
}
