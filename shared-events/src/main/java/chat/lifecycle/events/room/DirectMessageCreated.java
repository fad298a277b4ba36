package chat.lifecycle.events.room;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A 1:1 direct message room between two users (sorted ids; a single id for a note to self). A DM is
 * read-only while either participant is inactive, and each participant's subscription is archived while the
 * other is: both follow from the users' status events, so no event of the room records them.
 */
@Revision("1")
public record DirectMessageCreated(String roomId, List<String> userIds) {

    /** A direct message's room type, beside {@link RoomCreated}'s. */
    public static final String TYPE = "d";
}
