package chat.lifecycle.query.room;

import chat.lifecycle.events.room.DirectMessageCreated;
import chat.lifecycle.events.room.RoomCreated;
import chat.lifecycle.events.room.RoomDeleted;
import chat.lifecycle.events.room.RoomMemberAdded;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.room.RoomOwnerRemoved;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

/**
 * What each event does to {@code room_view} and {@code room_subscription}: the live projection does it with
 * statements, the rebuild in memory. Every change inserts only what is absent, recomputes counts and sets flags to
 * absolute values, so applying an event again leaves the same rows.
 *
 * <p>No room event records a direct message's read-only or archived state: a direct message is read-only while
 * either participant is inactive, and a participant's subscription is archived while the other one is. Both
 * follow from the participants' status when the room is created, and from their status events afterwards.
 */
abstract class RoomViewRules {

    @EventHandler
    void on(RoomCreated event, @Timestamp Instant at) {
        insertRoom(event.roomId(), event.type(), event.name(), event.creatorId(), event.readOnly(),
                event.readOnly(), 0, at);
    }

    @EventHandler
    void on(RoomMemberAdded event, @Timestamp Instant at) {
        addMember(event.roomId(), event.userId(), at);
    }

    @EventHandler
    void on(RoomOwnerAdded event) {
        setOwner(event.roomId(), event.userId(), true);
    }

    @EventHandler
    void on(RoomOwnerRemoved event) {
        setOwner(event.roomId(), event.userId(), false);
    }

    @EventHandler
    void on(RoomDeleted event) {
        deleteRoom(event.roomId());
    }

    @EventHandler
    void on(DirectMessageCreated event, @Timestamp Instant at) {
        List<String> participants = event.userIds().stream().distinct().toList();
        boolean anyInactive = participants.stream().anyMatch(this::inactive);
        insertRoom(event.roomId(), "d", null, null, false, anyInactive, participants.size(), at);
        for (String userId : participants) {
            String other = participants.stream().filter(id -> !id.equals(userId)).findFirst().orElse(userId);
            insertSubscription(event.roomId(), userId, at, inactive(other));
        }
    }

    @EventHandler
    void on(UserDeactivated event, @Timestamp Instant at) {
        setStatus(event.userId(), false, at);
    }

    @EventHandler
    void on(UserActivated event, @Timestamp Instant at) {
        setStatus(event.userId(), true, at);
    }

    @EventHandler
    void on(UserDeleted event, @Timestamp Instant at) {
        deleteUser(event.userId(), at);
    }

    /** A room, unless one of that id exists. */
    abstract void insertRoom(String roomId, String type, String name, String creatorId, boolean readOnly,
                             boolean ro, int usersCount, Instant at);

    /** A plain member's subscription, unless the room is gone or has them; recounts the room's members. */
    abstract void addMember(String roomId, String userId, Instant at);

    /** A subscription, unless one exists; unlike {@link #addMember}, whether or not the room exists. */
    abstract void insertSubscription(String roomId, String userId, Instant at, boolean archived);

    abstract void setOwner(String roomId, String userId, boolean owner);

    /** The room and every subscription to it. */
    abstract void deleteRoom(String roomId);

    /**
     * In each of the user's direct messages: read-only unless active, or if another participant is inactive; the
     * other participant's subscription (the user's own, in a note to self) archived unless active.
     */
    abstract void setStatus(String userId, boolean active, Instant at);

    /**
     * As Rocket.Chat does, a deleted user's direct messages go with them, the other participant's subscription
     * included; they leave their channels and groups, which count one member fewer.
     */
    abstract void deleteUser(String userId, Instant at);

    /** Whether the user is known and inactive: an unknown user counts as active. */
    abstract boolean inactive(String userId);
}
