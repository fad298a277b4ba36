package chat.lifecycle.events.user;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Every login token issued before {@code credentialEpoch} began was revoked and deleted (the list may be empty).
 * Recorded once per deactivation; it confirms the deactivation saga's credential step.
 */
@Revision("1")
public record LoginTokensRevoked(String userId, List<String> tokenIds, int credentialEpoch) {
}
