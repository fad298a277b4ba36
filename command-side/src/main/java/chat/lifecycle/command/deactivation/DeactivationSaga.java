package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.room.HandOverRoom;
import chat.lifecycle.command.room.HandOverPlan;
import chat.lifecycle.command.room.HandOverPlanner;
import chat.lifecycle.events.Audit;
import chat.lifecycle.events.room.RoomDeleted;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.user.DeactivationCleanupCompleted;
import chat.lifecycle.events.user.DeactivationStepConfirmed;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import chat.lifecycle.events.user.UserRoomsRelinquished;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Cleans up after a deactivation that relinquished rooms (or that followed one whose saga still runs): carries out
 * every {@link DeactivationStep} that applies (deleting the credentials issued before it: login and personal access
 * tokens, OAuth codes and tokens) and hands the rooms the user was the only owner of over ({@link HandOverPlanner};
 * not for idle deactivations). The credentials are already refused from the moment the deactivation committed (they
 * belong to an older credential epoch); this saga makes them gone for good. Once every step is confirmed it records
 * the deactivation's receipt on the user ({@link RecordDeactivationCleanup}), and ends when that is recorded. Every
 * other deactivation is complete at its own commit ({@link DeactivationCleanup}), and the saga manager skips its
 * events ({@link #needs}).
 *
 * <p>The saga keeps the set of steps not confirmed yet. Each step is an idempotent command, sent after the saga's
 * state is committed; a deadline, kept in the database, sends the pending ones again until their confirming events
 * arrive. A crash at any point therefore resumes: the processor replays unhandled events from its token, and the
 * deadline fires after restart. A later deactivation of the same user moves the running saga on to the newer
 * epoch, which covers the older one. A deletion that relinquished rooms has them handed over the same way.
 *
 * <p>Registered in {@link DeactivationConfiguration}. A saga is associated with its user from the start, and never
 * with another user: {@link HomeSegmentSagaManager} relies on it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class DeactivationSaga {

    private static final Logger log = LoggerFactory.getLogger(DeactivationSaga.class);

    /**
     * The cause its commands carry, which tells its steps' confirmations and its receipts from those recorded in a
     * deactivation's own transaction.
     */
    static final String CAUSE = "deactivation-saga";
    static final String RETRY = "retry-revocation";
    /** The association a saga starts with and keeps: its user. */
    static final String HOME_KEY = "userId";
    private static final String ROOM_KEY = "roomId";
    /** The payload types of the saga's event handlers. */
    private static final Set<Class<?>> HANDLED = AnnotatedHandlerInspector.inspectType(DeactivationSaga.class)
            .getAllHandlers().values().stream().flatMap(Collection::stream)
            .map(MessageHandlingMember::payloadType).collect(Collectors.toUnmodifiableSet());

    @JsonIgnore
    private transient DeactivationSteps registry;
    @JsonIgnore
    private transient RevocationSteps steps;
    @JsonIgnore
    private transient DeadlineManager deadlines;
    @JsonIgnore
    private transient HandOverPlan handOverPlan;

    private String userId;
    private int credentialEpoch;
    private boolean handOverRooms;
    /** When the deactivation was recorded: its hand-over covers the rooms joined by then. */
    private Instant deactivatedAt;
    /** The steps not confirmed yet, by name. */
    private Set<String> pendingSteps = new LinkedHashSet<>();
    /** Rooms still depending on the user, by id; the saga is associated with each until it is handed over. */
    private Set<String> pendingRooms = new HashSet<>();
    private CleanupReceipt receipt;
    /**
     * The rooms a deletion relinquished: planned from these ids, since the deleted user's memberships are gone from
     * the lookups the other plans read.
     */
    private List<String> relinquishedByDeletion;
    /** Started by {@link UserRoomsRelinquished}: no deactivation, so no credential steps and no receipt. */
    private boolean roomsOnly;
    /**
     * The armed retry, cancelled by its id: one row deleted in the saga's transaction. Cancelling "every retry of
     * this saga" would make the deadline manager read every pending retry of every saga instead.
     */
    private String retryId;

    @Autowired
    void setRegistry(DeactivationSteps registry) {
        this.registry = registry;
    }

    @Autowired
    void setSteps(RevocationSteps steps) {
        this.steps = steps;
    }

    @Autowired
    void setDeadlines(DeadlineManager deadlines) {
        this.deadlines = deadlines;
    }

    @Autowired
    void setHandOverPlan(HandOverPlan handOverPlan) {
        this.handOverPlan = handOverPlan;
    }

    /**
     * Whether a saga needs the event, for the saga manager to skip the others without looking sagas up: a
     * deactivation complete at its commit, and the confirmations and receipts recorded in such a commit, start no
     * saga and change none (a deactivation that follows one whose saga still runs is left to that saga).
     */
    static boolean needs(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof UserDeactivated deactivation) {
            return leftToSaga(deactivation);
        }
        if (payload instanceof DeactivationStepConfirmed || payload instanceof DeactivationCleanupCompleted) {
            return CAUSE.equals(event.getMetaData().get(Audit.CAUSE));
        }
        return true;
    }

    /** Whether a committed event is one the saga has a handler for and {@link #needs}: the store reads it at once. */
    static boolean awaits(EventMessage<?> event) {
        return HANDLED.contains(event.getPayloadType()) && needs(event);
    }

    /** Whether the deactivation's cleanup is the saga's: its rooms, or unknown ({@code relinquishedRoomIds} null). */
    public static boolean leftToSaga(UserDeactivated event) {
        return event.relinquishedRoomIds() == null || event.handOverRooms() && !event.relinquishedRoomIds().isEmpty();
    }

    @StartSaga
    @SagaEventHandler(associationProperty = HOME_KEY)
    void on(UserDeactivated event, @Timestamp Instant at) {
        if (!leftToSaga(event)) {
            if (userId == null) {
                SagaLifecycle.end(); // never stored
            }
            return;
        }
        userId = event.userId();
        credentialEpoch = event.credentialEpoch();
        handOverRooms = event.handOverRooms();
        roomsOnly = false;
        deactivatedAt = at;
        pendingSteps = new LinkedHashSet<>(registry.namesFor(event));
        receipt = new CleanupReceipt(at, handOverPlan.directMessagesOf(userId));
        sendPendingSteps(at);
    }

    /**
     * An inactive user's rooms given up after the deactivation: handed over as at a deactivation, in the running
     * saga, or in a saga of their own that ends, with no receipt, once they are.
     */
    @StartSaga
    @SagaEventHandler(associationProperty = HOME_KEY)
    void on(UserRoomsRelinquished event, @Timestamp Instant at) {
        if (userId == null) {
            userId = event.userId();
            credentialEpoch = event.credentialEpoch();
            roomsOnly = true;
        }
        handOverRooms = true;
        deactivatedAt = at;
        sendPendingSteps(at);
    }

    /** Any step's confirmation, for this deactivation's epoch or a later one. */
    @SagaEventHandler(associationProperty = HOME_KEY)
    void on(DeactivationStepConfirmed event, @Timestamp Instant at) {
        if (event.credentialEpoch() < credentialEpoch) {
            return;
        }
        registry.confirmedBy(event).filter(confirmed -> pendingSteps.remove(confirmed.step())).ifPresent(confirmed -> {
            receipt.confirmed(confirmed.step(), at, confirmed.deleted());
            recordWhenAllConfirmed();
        });
    }

    @SagaEventHandler(associationProperty = ROOM_KEY)
    void on(RoomOwnerAdded event, @Timestamp Instant at) {
        if (roomDone(event.roomId())) {
            if (receipt != null) {
                receipt.roomHandedOver(event.roomId(), event.userId(), at);
            }
            recordWhenAllConfirmed();
        }
    }

    @SagaEventHandler(associationProperty = ROOM_KEY)
    void on(RoomDeleted event, @Timestamp Instant at) {
        if (roomDone(event.roomId())) {
            if (receipt != null) {
                receipt.roomDeleted(event.roomId(), at);
            }
            recordWhenAllConfirmed();
        }
    }

    /** The receipt is recorded: the deactivation is complete. */
    @SagaEventHandler(associationProperty = HOME_KEY)
    void on(DeactivationCleanupCompleted event) {
        if (event.credentialEpoch() >= credentialEpoch) {
            disarmRetry();
            SagaLifecycle.end();
        }
    }

    /**
     * A deleted user's credentials are deleted with the account: only the rooms the deletion relinquished are left
     * to hand over, in the running saga or in one of their own, with no receipt (nobody is left to record it on).
     */
    @StartSaga
    @SagaEventHandler(associationProperty = HOME_KEY)
    void on(UserDeleted event, @Timestamp Instant at) {
        disarmRetry();
        if (event.relinquishedRoomIds().isEmpty()) {
            SagaLifecycle.end();
            return;
        }
        userId = event.userId();
        roomsOnly = true;
        receipt = null;
        pendingSteps = new LinkedHashSet<>();
        relinquishedByDeletion = List.copyOf(event.relinquishedRoomIds());
        sendPendingSteps(at);
    }

    @DeadlineHandler(deadlineName = RETRY)
    void retry(@Timestamp Instant at) {
        log.info("deactivation of user {} (epoch {}): not confirmed yet: steps {}, rooms {}; sending again", userId,
                credentialEpoch, pendingSteps, pendingRooms.size());
        retryId = null; // it has just fired
        sendPendingSteps(at);
    }

    /**
     * Sends every step not yet confirmed, or the receipt once all are, and arms the retry. The rooms are planned
     * afresh each time from the lookups, so a room someone else already took over drops out of the plan.
     */
    private void sendPendingSteps(Instant at) {
        List<Object> pending = new ArrayList<>();
        pendingSteps.forEach(step -> pending.add(registry.command(step, userId, credentialEpoch)));
        List<HandOverRoom> roomSteps = relinquishedByDeletion != null
                ? handOverPlan.stepsAfterDeletion(userId, relinquishedByDeletion)
                : handOverRooms ? handOverPlan.stepsFor(userId, deactivatedAt) : List.of();
        Set<String> planned = roomSteps.stream().map(HandOverRoom::roomId).collect(Collectors.toSet());
        pendingRooms.forEach(roomId -> {
            SagaLifecycle.removeAssociationWith(ROOM_KEY, roomId);
            if (!planned.contains(roomId)) {
                recordSettledUnseen(roomId, at);
            }
        });
        pendingRooms = new HashSet<>();
        roomSteps.forEach(step -> {
            pendingRooms.add(step.roomId());
            SagaLifecycle.associateWith(ROOM_KEY, step.roomId());
        });
        pending.addAll(roomSteps);
        disarmRetry();
        if (pending.isEmpty() && roomsOnly) {
            SagaLifecycle.end();
            return;
        }
        if (pending.isEmpty()) {
            pending.add(recordReceipt());
        }
        retryId = deadlines.schedule(steps.retryAfter(), RETRY);
        steps.sendAfterCommit(pending);
    }

    /**
     * A room this saga planned that no longer depends on the user, although its event has not reached the saga (it
     * went by before the plan was stored, or is still to come): the receipt takes the outcome the lookups show.
     */
    private void recordSettledUnseen(String roomId, Instant at) {
        if (receipt != null) {
            handOverPlan.outcomeOf(roomId, userId).ifPresent(outcome -> {
                if (outcome.deleted()) {
                    receipt.roomDeleted(roomId, at);
                } else {
                    receipt.roomHandedOver(roomId, outcome.newOwnerId(), at);
                }
            });
        }
    }

    private boolean roomDone(String roomId) {
        if (pendingRooms.remove(roomId)) {
            SagaLifecycle.removeAssociationWith(ROOM_KEY, roomId);
            return true;
        }
        return false;
    }

    /**
     * The last step: the receipt, sent when everything else is confirmed, retried until it is recorded. The retry
     * armed for the steps stays armed for the receipt (a retry sends whatever is pending, the receipt included):
     * moving it would cost a row deleted and one inserted in every deactivation.
     */
    private void recordWhenAllConfirmed() {
        if (pendingSteps.isEmpty() && pendingRooms.isEmpty()) {
            if (roomsOnly) {
                disarmRetry();
                SagaLifecycle.end();
                return;
            }
            if (retryId == null) {
                retryId = deadlines.schedule(steps.retryAfter(), RETRY);
            }
            steps.sendAfterCommit(List.of(recordReceipt()));
        }
    }

    private RecordDeactivationCleanup recordReceipt() {
        return new RecordDeactivationCleanup(userId, receipt.completed(userId, credentialEpoch));
    }

    private void disarmRetry() {
        if (retryId != null) {
            deadlines.cancelSchedule(RETRY, retryId);
            retryId = null;
        }
    }
}
