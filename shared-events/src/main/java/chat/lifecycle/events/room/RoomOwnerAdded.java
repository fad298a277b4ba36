package chat.lifecycle.events.room;

import org.axonframework.serialization.Revision;

/** A member was made an owner of a channel or group (by a route, or by a deactivation's hand-over). */
@Revision("1")
public record RoomOwnerAdded(String roomId, String userId) {
}
