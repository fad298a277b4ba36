package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.config.CommandReadAhead;
import chat.lifecycle.command.credentials.CredentialLocks;
import chat.lifecycle.command.oauth.OAuthGrantStep;
import chat.lifecycle.command.room.HandOverPlanner;
import chat.lifecycle.command.user.DeactivateIdleUser;
import chat.lifecycle.command.user.SetActiveStatus;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A deactivation's reads, queued as its command arrives: the rooms that depend on the user (the last-owner check)
 * and whether the user holds OAuth grants (the cleanup's step). The user's credential lock goes first, held
 * exclusively as the deactivation holds it anyway, so no grant can commit between the read and the deactivation's
 * commit. Only where reads queue (PostgreSQL): elsewhere they would run at once, a round trip saved by none.
 */
@Component
class DeactivationReadAhead implements CommandReadAhead {

    private final QueuedWritesJdbcTemplate jdbc;
    private final CredentialLocks credentialLocks;
    private final HandOverPlanner rooms;
    private final OAuthGrantStep oauthGrants;

    DeactivationReadAhead(QueuedWritesJdbcTemplate jdbc, CredentialLocks credentialLocks, HandOverPlanner rooms,
                          OAuthGrantStep oauthGrants) {
        this.jdbc = jdbc;
        this.credentialLocks = credentialLocks;
        this.rooms = rooms;
        this.oauthGrants = oauthGrants;
    }

    @Override
    public void queueFor(Object command) {
        if (!jdbc.queuesWrites()) {
            return;
        }
        if (command instanceof SetActiveStatus status && !status.active()) {
            rooms.readAhead(status.userId());
            grantsOf(status.userId());
        } else if (command instanceof DeactivateIdleUser idle) {
            grantsOf(idle.userId());
        }
    }

    private void grantsOf(String userId) {
        credentialLocks.voidingCredentialsOf(userId);
        oauthGrants.readAhead(userId);
    }
}
