package chat.lifecycle.command.deactivation;

import chat.lifecycle.events.user.DeactivationCleanupCompleted;
import chat.lifecycle.events.user.DeactivationCleanupCompleted.Room;
import chat.lifecycle.events.user.DeactivationCleanupCompleted.Step;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A deactivation's receipt as its saga collects it, step by step; part of the saga's stored state. */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class CleanupReceipt {

    /** The DMs are read-only from the deactivation's own commit on: a step confirmed by the deactivation. */
    static final String DIRECT_MESSAGES = "directMessages";

    private Map<String, Integer> deleted = new TreeMap<>();
    private List<Room> rooms = new ArrayList<>();
    private List<String> directMessages = new ArrayList<>();
    private List<Step> steps = new ArrayList<>();
    private Instant lastConfirmedAt;

    CleanupReceipt() {
        // for Jackson
    }

    CleanupReceipt(Instant deactivatedAt, List<String> directMessages) {
        this.directMessages = new ArrayList<>(directMessages);
        confirmed(DIRECT_MESSAGES, deactivatedAt);
    }

    void confirmed(String step, Instant at, Map<String, Integer> deletedByStep) {
        deleted.putAll(deletedByStep);
        confirmed(step, at);
    }

    void roomHandedOver(String roomId, String newOwnerId, Instant at) {
        rooms.add(new Room(roomId, DeactivationCleanupCompleted.HANDED_OVER, newOwnerId, at));
        laterOf(at);
    }

    void roomDeleted(String roomId, Instant at) {
        rooms.add(new Room(roomId, DeactivationCleanupCompleted.DELETED, null, at));
        laterOf(at);
    }

    DeactivationCleanupCompleted completed(String userId, int credentialEpoch) {
        return new DeactivationCleanupCompleted(userId, credentialEpoch, new TreeMap<>(deleted), List.copyOf(rooms),
                List.copyOf(directMessages), List.copyOf(steps), lastConfirmedAt);
    }

    private void confirmed(String step, Instant at) {
        steps.add(new Step(step, at));
        laterOf(at);
    }

    private void laterOf(Instant at) {
        if (lastConfirmedAt == null || at.isAfter(lastConfirmedAt)) {
            lastConfirmedAt = at;
        }
    }
}
