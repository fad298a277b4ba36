package chat.lifecycle.events.room;

import org.axonframework.serialization.Revision;

/** An owner lost the owner role of a channel or group; a room never loses its last owner this way. */
@Revision("1")
public record RoomOwnerRemoved(String roomId, String userId) {
}
