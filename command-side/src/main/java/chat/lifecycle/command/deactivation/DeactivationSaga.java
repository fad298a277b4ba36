package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.RevokeStaleLoginTokens;
import chat.lifecycle.events.user.LoginTokensRevoked;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cleans up after one deactivation: deletes every credential issued before it. The credentials are already
 * refused from the moment the deactivation committed (they belong to an older credential epoch); this saga makes
 * them gone for good. Each step is an idempotent command sent within the saga's own transaction, so a crash
 * anywhere replays the step and the saga resumes; it ends when the user's aggregate confirms the revocation.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class DeactivationSaga {

    static final String CAUSE = "deactivation";

    @JsonIgnore
    private transient AuditedCommands commands;

    private String userId;
    private int credentialEpoch;

    @Autowired
    void setCommands(AuditedCommands commands) {
        this.commands = commands;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "userId")
    void on(UserDeactivated event) {
        userId = event.userId();
        credentialEpoch = event.credentialEpoch();
        try {
            commands.send(new RevokeStaleLoginTokens(userId, credentialEpoch), Actor.SYSTEM, CAUSE);
        } catch (AggregateNotFoundException deletedMeanwhile) {
            SagaLifecycle.end(); // the user's tokens went with the user
        }
    }

    /** A deleted user's credentials are deleted with the account: nothing is left to wait for. */
    @EndSaga
    @SagaEventHandler(associationProperty = "userId")
    void on(UserDeleted event) {
    }

    @SagaEventHandler(associationProperty = "userId")
    void on(LoginTokensRevoked event) {
        if (event.credentialEpoch() >= credentialEpoch) {
            SagaLifecycle.end();
        }
    }
}
