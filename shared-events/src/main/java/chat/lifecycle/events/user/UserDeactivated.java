package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/**
 * An active user became inactive. From this event on, every credential issued in an earlier credential epoch is
 * void: {@code credentialEpoch} is the new epoch, and only credentials issued in it (after a reactivation) work.
 * {@code handOverRooms} says whether the user's rooms are handed over (a request through
 * {@code users.setActiveStatus}) or left as they are ({@code users.deactivateIdle}).
 *
 * <p>Revision 2 added {@code handOverRooms}; {@link UserDeactivated1To2Upcaster} reads revision 1 as true.
 */
@Revision("2")
public record UserDeactivated(String userId, boolean confirmRelinquish, int credentialEpoch,
                              boolean handOverRooms) {
}
