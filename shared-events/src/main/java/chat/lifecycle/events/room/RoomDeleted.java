package chat.lifecycle.events.room;

import org.axonframework.serialization.Revision;

/** A channel or group was deleted, by a route or because its last active member was deactivated. */
@Revision("1")
public record RoomDeleted(String roomId) {
}
