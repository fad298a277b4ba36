package chat.lifecycle.events.user;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An active user became inactive. From this event on, every credential issued in an earlier credential epoch is
 * void: {@code credentialEpoch} is the new epoch, and only credentials issued in it (after a reactivation) work.
 * {@code handOverRooms} says whether the user's rooms are handed over (a request through
 * {@code users.setActiveStatus}) or left as they are ({@code users.deactivateIdle}).
 *
 * {@code relinquishedRoomIds} names the rooms that depended on the user (their only owner, or a private group of no
 * other active member), which are handed over after the deactivation; when it is empty, the deactivation's cleanup
 * completed in its own transaction; null leaves the rooms to the deactivation saga's plan (an earlier deactivation's
 * saga was still running).
 *
 * <p>Revision 2 added {@code handOverRooms}; {@link UserDeactivated1To2Upcaster} reads revision 1 as true.
 * Revision 3 added {@code relinquishedRoomIds}; {@link UserDeactivated2To3Upcaster} reads revision 2 as null
 * (not recorded: the rooms are planned from the lookups).
 */
@Revision("3")
public record UserDeactivated(String userId, boolean confirmRelinquish, int credentialEpoch,
                              boolean handOverRooms, List<String> relinquishedRoomIds) {

    public UserDeactivated {
        relinquishedRoomIds = relinquishedRoomIds == null ? null : List.copyOf(relinquishedRoomIds);
    }
}
