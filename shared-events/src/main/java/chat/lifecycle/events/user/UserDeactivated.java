package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/**
 * An active user became inactive. From this event on, every credential issued in an earlier credential epoch is
 * void: {@code credentialEpoch} is the new epoch, and only credentials issued in it (after a reactivation) work.
 */
@Revision("1")
public record UserDeactivated(String userId, boolean confirmRelinquish, int credentialEpoch) {
}
