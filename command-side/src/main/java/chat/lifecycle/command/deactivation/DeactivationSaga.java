package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.credentials.RevokeStaleLoginTokens;
import chat.lifecycle.command.oauth.OAuthGrants;
import chat.lifecycle.command.oauth.RevokeStaleOAuthGrants;
import chat.lifecycle.command.room.HandOverRoom;
import chat.lifecycle.command.room.HandOverSteps;
import chat.lifecycle.command.room.RoomHandOver;
import chat.lifecycle.events.oauth.OAuthGrantsRevoked;
import chat.lifecycle.events.room.RoomDeleted;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.user.LoginTokensRevoked;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cleans up after a deactivation: deletes every credential issued before it, login tokens (personal access tokens
 * included) through the user's aggregate and OAuth codes and tokens through the user's OAuth grants, and hands
 * the rooms the user was the only owner of over ({@link RoomHandOver}; not for idle deactivations). The
 * credentials are already refused from the moment the deactivation committed (they belong to an older credential
 * epoch); this saga makes them gone for good.
 *
 * <p>Each step is an idempotent command, sent after the saga's state is committed; a deadline, kept in the
 * database, sends the steps not yet confirmed again until their confirming events arrive. A crash at any point
 * therefore resumes: the processor replays unhandled events from its token, and the deadline fires after restart.
 * A later deactivation of the same user moves the running saga on to the newer epoch, which covers the older one.
 *
 * <p>Registered in {@link DeactivationConfiguration}. A saga is associated with its user from the start, and never
 * with another user: {@link HomeSegmentSagaManager} relies on it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class DeactivationSaga {

    private static final Logger log = LoggerFactory.getLogger(DeactivationSaga.class);

    static final String CAUSE = "deactivation";
    static final String RETRY = "retry-revocation";
    /** The association a saga starts with and keeps: its user. */
    static final String HOME_KEY = "userId";

    @JsonIgnore
    private transient RevocationSteps steps;
    @JsonIgnore
    private transient DeadlineManager deadlines;
    @JsonIgnore
    private transient HandOverSteps roomHandOver;

    private String userId;
    private int credentialEpoch;
    private boolean handOverRooms;
    private boolean loginTokensRevoked;
    private boolean oauthGrantsRevoked;
    /** Rooms still depending on the user, by id; the saga is associated with each until it is handed over. */
    private Set<String> pendingRooms = new HashSet<>();
    /**
     * The armed retry, cancelled by its id: one row deleted in the saga's transaction. Cancelling "every retry of
     * this saga" would make the deadline manager read every pending retry of every saga instead.
     */
    private String retryId;

    @Autowired
    void setSteps(RevocationSteps steps) {
        this.steps = steps;
    }

    @Autowired
    void setDeadlines(DeadlineManager deadlines) {
        this.deadlines = deadlines;
    }

    @Autowired
    void setRoomHandOver(HandOverSteps roomHandOver) {
        this.roomHandOver = roomHandOver;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = HOME_KEY)
    void on(UserDeactivated event) {
        userId = event.userId();
        credentialEpoch = event.credentialEpoch();
        handOverRooms = event.handOverRooms();
        loginTokensRevoked = false;
        oauthGrantsRevoked = false;
        sendPendingSteps();
    }

    @SagaEventHandler(associationProperty = HOME_KEY)
    void on(LoginTokensRevoked event) {
        if (event.credentialEpoch() >= credentialEpoch) {
            loginTokensRevoked = true;
            endWhenAllConfirmed();
        }
    }

    @SagaEventHandler(associationProperty = HOME_KEY)
    void on(OAuthGrantsRevoked event) {
        if (event.credentialEpoch() >= credentialEpoch) {
            oauthGrantsRevoked = true;
            endWhenAllConfirmed();
        }
    }

    @SagaEventHandler(associationProperty = "roomId")
    void on(RoomOwnerAdded event) {
        roomHandedOver(event.roomId());
    }

    @SagaEventHandler(associationProperty = "roomId")
    void on(RoomDeleted event) {
        roomHandedOver(event.roomId());
    }

    /** A deleted user's credentials are deleted with the account: nothing is left to wait for. */
    @EndSaga
    @SagaEventHandler(associationProperty = HOME_KEY)
    void on(UserDeleted event) {
        disarmRetry();
    }

    @DeadlineHandler(deadlineName = RETRY)
    void retry() {
        log.info("deactivation of user {} (epoch {}): revocation not confirmed yet (login tokens {}, OAuth {}), "
                + "sending again", userId, credentialEpoch, loginTokensRevoked, oauthGrantsRevoked);
        retryId = null; // it has just fired
        sendPendingSteps();
    }

    /**
     * Sends every step not yet confirmed and arms the retry; ends the saga if nothing is left. The rooms are planned
     * afresh each time from the lookups, so a room someone else already took over drops out of the plan.
     */
    private void sendPendingSteps() {
        List<Object> pending = new ArrayList<>();
        if (!loginTokensRevoked) {
            pending.add(new RevokeStaleLoginTokens(userId, credentialEpoch));
        }
        if (!oauthGrantsRevoked) {
            pending.add(new RevokeStaleOAuthGrants(OAuthGrants.idOf(userId), userId, credentialEpoch));
        }
        List<HandOverRoom> roomSteps = handOverRooms ? roomHandOver.stepsFor(userId) : List.of();
        pendingRooms.forEach(roomId -> SagaLifecycle.removeAssociationWith("roomId", roomId));
        pendingRooms = new HashSet<>();
        roomSteps.forEach(step -> {
            pendingRooms.add(step.roomId());
            SagaLifecycle.associateWith("roomId", step.roomId());
        });
        pending.addAll(roomSteps);
        disarmRetry();
        if (pending.isEmpty()) {
            SagaLifecycle.end();
            return;
        }
        retryId = deadlines.schedule(steps.retryAfter(), RETRY);
        steps.sendAfterCommit(pending);
    }

    private void roomHandedOver(String roomId) {
        if (pendingRooms.remove(roomId)) {
            SagaLifecycle.removeAssociationWith("roomId", roomId);
            endWhenAllConfirmed();
        }
    }

    private void endWhenAllConfirmed() {
        if (loginTokensRevoked && oauthGrantsRevoked && pendingRooms.isEmpty()) {
            disarmRetry();
            SagaLifecycle.end();
        }
    }

    private void disarmRetry() {
        if (retryId != null) {
            deadlines.cancelSchedule(RETRY, retryId);
            retryId = null;
        }
    }
}
