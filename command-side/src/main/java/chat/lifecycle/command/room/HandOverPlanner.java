package chat.lifecycle.command.room;

import chat.lifecycle.command.user.RoomsToHandOver;
import chat.lifecycle.events.room.RoomCreated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides what a user's deactivation does to their rooms, from the lookups: every channel or group they are the
 * only owner of passes to its earliest-joined active member, or, with no such member, a private group is deleted
 * and a public channel left as it is; a private group with no other member is deleted. The same plan serves the
 * last-owner check ({@link RoomsToHandOver}) and the saga's steps ({@link HandOverPlan}).
 */
@Component
public class HandOverPlanner implements RoomsToHandOver, HandOverPlan {

    private final RoomLookup rooms;

    public HandOverPlanner(RoomLookup rooms) {
        this.rooms = rooms;
    }

    /** One entry per room that depends on the user; {@code newOwnerId} null means the room is deleted. */
    private record PlannedRoom(String roomId, String name, String newOwnerId, boolean alone) {

        PlannedRoom(String roomId, String name, String newOwnerId) {
            this(roomId, name, newOwnerId, false);
        }
    }

    /** The plan for the rooms the user had joined by {@code joinedBy} (null: any). */
    private List<PlannedRoom> plan(String userId, Instant joinedBy) {
        List<RoomLookup.DependentRoom> dependent = rooms.dependingOn(userId, joinedBy);
        Map<String, PlannedRoom> planned = new LinkedHashMap<>();
        for (RoomLookup.DependentRoom room : dependent) {
            if (room.soleOwner() && room.successor() != null) {
                planned.put(room.id(), new PlannedRoom(room.id(), room.name(), room.successor()));
            } else if (room.soleOwner() && RoomCreated.PRIVATE.equals(room.type())) {
                planned.put(room.id(), new PlannedRoom(room.id(), room.name(), null));
            }
        }
        // then the private groups the user is alone in (those the user also owns keep their place)
        for (RoomLookup.DependentRoom room : dependent) {
            if (room.alone() && RoomCreated.PRIVATE.equals(room.type())) {
                planned.put(room.id(), new PlannedRoom(room.id(), room.name(), null, true));
            }
        }
        return List.copyOf(planned.values());
    }

    @Override
    public List<HandOverRoom> stepsFor(String userId, Instant deactivatedAt) {
        return plan(userId, deactivatedAt).stream()
                .map(room -> new HandOverRoom(room.roomId(), userId, room.newOwnerId(), room.alone())).toList();
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
    public Optional<Outcome> outcomeOf(String roomId, String leavingUserId) {
        return rooms.byId(roomId)
                .map(room -> rooms.ownerBesides(roomId, leavingUserId).map(owner -> new Outcome(false, owner)))
                .orElseGet(() -> Optional.of(new Outcome(true, null)));
    }

    @Override
    public List<String> directMessagesOf(String userId) {
        return rooms.directMessagesOf(userId);
    }

    @Override
    public HandOver of(String userId) {
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (PlannedRoom room : plan(userId, null)) {
            (room.newOwnerId() == null ? removed : changed).add(room.name());
            ids.add(room.roomId());
        }
        return new HandOver(removed, changed, ids);
    }
}
