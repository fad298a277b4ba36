package chat.lifecycle.events.user;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A user account was deleted; its credentials die with it. {@code relinquishedRoomIds} are the rooms that depended on
 * the user (confirmed with {@code confirmRelinquish}): the deactivation saga hands them over or deletes them by the
 * same rules as at a deactivation, since the user's memberships leave the lookups with this event.
 *
 * <p>Revision 2 added {@code relinquishedRoomIds} ({@link UserDeleted1To2Upcaster}).
 */
@Revision("2")
public record UserDeleted(String userId, List<String> relinquishedRoomIds) {

    public UserDeleted {
        relinquishedRoomIds = List.copyOf(relinquishedRoomIds);
    }
}
