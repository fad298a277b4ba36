package chat.lifecycle.events.oauth;

import chat.lifecycle.events.user.DeactivationStepConfirmed;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Every authorization code and token pair issued to a user before {@code credentialEpoch} began was revoked and
 * deleted (the lists may be empty); each pair is one access token and its refresh token. Recorded once per
 * deactivation; it confirms the saga's OAuth step.
 */
@Revision("1")
public record OAuthGrantsRevoked(String userId, List<String> codeIds, List<String> tokenIds, int credentialEpoch)
        implements DeactivationStepConfirmed {
}
