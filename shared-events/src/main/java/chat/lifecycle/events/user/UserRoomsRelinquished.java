package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/**
 * An inactive user gave up the rooms that still depend on them ({@code users.setActiveStatus} false, with
 * {@code confirmRelinquish}, for a user already inactive, e.g. after {@code users.deactivateIdle}): they are handed
 * over or deleted as at a deactivation. Not a change of status; {@code credentialEpoch} is the user's current one.
 */
@Revision("1")
public record UserRoomsRelinquished(String userId, int credentialEpoch) {
}
