package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.credentials.RevokeStaleLoginTokens;
import chat.lifecycle.command.oauth.OAuthGrants;
import chat.lifecycle.command.oauth.RevokeStaleOAuthGrants;
import chat.lifecycle.events.oauth.OAuthGrantsRevoked;
import chat.lifecycle.events.user.LoginTokensRevoked;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cleans up after a deactivation: deletes every credential issued before it, login tokens (personal access tokens
 * included) through the user's aggregate and OAuth codes and tokens through the user's OAuth grants. The
 * credentials are already refused from the moment the deactivation committed (they belong to an older credential
 * epoch); this saga makes them gone for good.
 *
 * <p>Each step is an idempotent command, sent after the saga's state is committed; a deadline, kept in the
 * database, sends the steps not yet confirmed again until their confirming events arrive. A crash at any point
 * therefore resumes: the processor replays unhandled events from its token, and the deadline fires after restart.
 * A later deactivation of the same user moves the running saga on to the newer epoch, which covers the older one.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class DeactivationSaga {

    private static final Logger log = LoggerFactory.getLogger(DeactivationSaga.class);

    static final String CAUSE = "deactivation";
    static final String RETRY = "retry-revocation";

    @JsonIgnore
    private transient RevocationSteps steps;
    @JsonIgnore
    private transient DeadlineManager deadlines;

    private String userId;
    private int credentialEpoch;
    private boolean loginTokensRevoked;
    private boolean oauthGrantsRevoked;

    @Autowired
    void setSteps(RevocationSteps steps) {
        this.steps = steps;
    }

    @Autowired
    void setDeadlines(DeadlineManager deadlines) {
        this.deadlines = deadlines;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "userId")
    void on(UserDeactivated event) {
        userId = event.userId();
        credentialEpoch = event.credentialEpoch();
        loginTokensRevoked = false;
        oauthGrantsRevoked = false;
        sendPendingSteps();
    }

    @SagaEventHandler(associationProperty = "userId")
    void on(LoginTokensRevoked event) {
        if (event.credentialEpoch() >= credentialEpoch) {
            loginTokensRevoked = true;
            endWhenAllConfirmed();
        }
    }

    @SagaEventHandler(associationProperty = "userId")
    void on(OAuthGrantsRevoked event) {
        if (event.credentialEpoch() >= credentialEpoch) {
            oauthGrantsRevoked = true;
            endWhenAllConfirmed();
        }
    }

    /** A deleted user's credentials are deleted with the account: nothing is left to wait for. */
    @EndSaga
    @SagaEventHandler(associationProperty = "userId")
    void on(UserDeleted event) {
        deadlines.cancelAllWithinScope(RETRY);
    }

    @DeadlineHandler(deadlineName = RETRY)
    void retry() {
        log.info("deactivation of user {} (epoch {}): revocation not confirmed yet (login tokens {}, OAuth {}), "
                + "sending again", userId, credentialEpoch, loginTokensRevoked, oauthGrantsRevoked);
        sendPendingSteps();
    }

    private void sendPendingSteps() {
        deadlines.cancelAllWithinScope(RETRY);
        deadlines.schedule(steps.retryAfter(), RETRY);
        List<Object> pending = new ArrayList<>();
        if (!loginTokensRevoked) {
            pending.add(new RevokeStaleLoginTokens(userId, credentialEpoch));
        }
        if (!oauthGrantsRevoked) {
            pending.add(new RevokeStaleOAuthGrants(OAuthGrants.idOf(userId), userId, credentialEpoch));
        }
        steps.sendAfterCommit(pending);
    }

    private void endWhenAllConfirmed() {
        if (loginTokensRevoked && oauthGrantsRevoked) {
            deadlines.cancelAllWithinScope(RETRY);
            SagaLifecycle.end();
        }
    }
}
