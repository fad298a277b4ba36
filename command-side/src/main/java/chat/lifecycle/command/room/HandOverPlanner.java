package chat.lifecycle.command.room;

import chat.lifecycle.command.config.CommandReadAhead;
import chat.lifecycle.command.user.RoomsToHandOver;
import chat.lifecycle.events.room.DirectMessageCreated;
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

    private static final String DIRECT_MESSAGES = HandOverPlanner.class.getName() + ".directMessages.";
    private static final String DEPENDING = HandOverPlanner.class.getName() + ".depending.";

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

    /** The plan for the rooms that depend on the user ({@link RoomLookup#dependingOn}). */
    private static List<PlannedRoom> plan(List<RoomLookup.DependentRoom> dependent) {
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
        return plan(rooms.dependingOn(userId, deactivatedAt)).stream()
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

    /** Those the last-owner check read in this unit of work ({@link #of}), else the lookups'. */
    @Override
    public List<String> directMessagesOf(String userId) {
        return CommandReadAhead.<List<String>>take(DIRECT_MESSAGES + userId)
                .orElseGet(() -> rooms.directMessagesOf(userId));
    }

    /** Queues the read of the rooms that depend on the user, for a last-owner check ({@link #of}) to come. */
    public void readAhead(String userId) {
        CommandReadAhead.keep(DEPENDING + userId, rooms.dependingOnLater(userId, null));
    }

    /**
     * The last-owner check: reads the user's direct messages in the same statement, and leaves them in the unit of
     * work for the deactivation's cleanup ({@link #directMessagesOf}), which runs in the same transaction.
     */
    @Override
    public HandOver of(String userId) {
        List<RoomLookup.DependentRoom> dependent = CommandReadAhead.<List<RoomLookup.DependentRoom>>take(
                DEPENDING + userId).orElseGet(() -> rooms.dependingOn(userId, null));
        List<String> directMessages = dependent.stream().filter(room -> DirectMessageCreated.TYPE.equals(room.type()))
                .map(RoomLookup.DependentRoom::id).toList();
        CommandReadAhead.keep(DIRECT_MESSAGES + userId, () -> directMessages);
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (PlannedRoom room : plan(dependent)) {
            (room.newOwnerId() == null ? removed : changed).add(room.name());
            ids.add(room.roomId());
        }
        return new HandOver(removed, changed, ids);
    }
}
