package chat.lifecycle.events.oauth;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Every authorization code and token pair issued to a user before {@code credentialEpoch} began was revoked and
 * deleted (the lists may be empty). Recorded once per deactivation; it confirms the saga's OAuth step.
 */
@Revision("1")
public record OAuthGrantsRevoked(String userId, List<String> codeIds, List<String> tokenIds, int credentialEpoch) {
}
