package chat.lifecycle.events.room;

import org.axonframework.serialization.Revision;

/** A user joined or was added to a channel or group; the event's timestamp is their join time. */
@Revision("1")
public record RoomMemberAdded(String roomId, String userId) {
}
