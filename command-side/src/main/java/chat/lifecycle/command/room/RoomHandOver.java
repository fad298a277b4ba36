package chat.lifecycle.command.room;

import chat.lifecycle.command.user.RoomsToRelinquish;
import chat.lifecycle.events.room.RoomCreated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decides what a user's deactivation does to their rooms, from the lookups: every channel or group they are the
 * only owner of passes to its earliest-joined active member, or, with no such member, a private group is deleted
 * and a public channel left as it is; a private group with no other member is deleted. The same plan serves the
 * last-owner check ({@link RoomsToRelinquish}) and the saga's steps ({@link HandOverSteps}).
 */
@Component
public class RoomHandOver implements RoomsToRelinquish, HandOverSteps {

    private final RoomLookup rooms;

    public RoomHandOver(RoomLookup rooms) {
        this.rooms = rooms;
    }

    /** One entry per room that depends on the user; {@code newOwnerId} null means the room is deleted. */
    public record Step(String roomId, String name, String newOwnerId, boolean alone) {

        Step(String roomId, String name, String newOwnerId) {
            this(roomId, name, newOwnerId, false);
        }
    }

    public List<Step> plan(String userId) {
        return plan(userId, null);
    }

    /** The plan for the rooms the user had joined by {@code joinedBy} (null: any). */
    List<Step> plan(String userId, Instant joinedBy) {
        List<RoomLookup.DependentRoom> dependent = rooms.dependingOn(userId, joinedBy);
        Map<String, Step> steps = new LinkedHashMap<>();
        for (RoomLookup.DependentRoom room : dependent) {
            if (room.soleOwner() && room.successor() != null) {
                steps.put(room.id(), new Step(room.id(), room.name(), room.successor()));
            } else if (room.soleOwner() && RoomCreated.PRIVATE.equals(room.type())) {
                steps.put(room.id(), new Step(room.id(), room.name(), null));
            }
        }
        // then the private groups the user is alone in (those the user also owns keep their place)
        for (RoomLookup.DependentRoom room : dependent) {
            if (room.alone() && RoomCreated.PRIVATE.equals(room.type())) {
                steps.put(room.id(), new Step(room.id(), room.name(), null, true));
            }
        }
        return List.copyOf(steps.values());
    }

    @Override
    public List<HandOverRoom> stepsFor(String userId, Instant deactivatedAt) {
        return plan(userId, deactivatedAt).stream()
                .map(step -> new HandOverRoom(step.roomId(), userId, step.newOwnerId(), step.alone())).toList();
    }

    /**
     * The hand-over of the rooms a deleted user relinquished, still to be done: each room of {@code roomIds} that
     * still has no owner passes to its earliest-joined active member, or, with no such member, a private group is
     * deleted (the user's memberships left the lookups with the deletion, so no owner means the user was the last).
     */
    @Override
    public List<HandOverRoom> stepsAfterDeletion(String deletedUserId, List<String> roomIds) {
        return rooms.withoutOwner(roomIds).stream()
                .filter(room -> room.successor() != null || RoomCreated.PRIVATE.equals(room.type()))
                .map(room -> new HandOverRoom(room.id(), deletedUserId, room.successor(), room.alone()))
                .toList();
    }

    @Override
    public List<String> directMessagesOf(String userId) {
        return rooms.directMessagesOf(userId);
    }

    @Override
    public Relinquishment of(String userId) {
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Step step : plan(userId)) {
            (step.newOwnerId() == null ? removed : changed).add(step.name());
            ids.add(step.roomId());
        }
        return new Relinquishment(removed, changed, ids);
    }
}
