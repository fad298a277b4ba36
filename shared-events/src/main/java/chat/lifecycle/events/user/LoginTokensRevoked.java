package chat.lifecycle.events.user;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Every login token issued before {@code credentialEpoch} began was revoked and deleted (the lists may be empty).
 * {@code tokenIds} are all of them, personal access tokens included; {@code personalAccessTokenIds} those of them
 * that were personal access tokens (null for an event recorded before revision 2, when this was not kept).
 * Recorded once per deactivation; it confirms the deactivation saga's credential step.
 *
 * <p>Revision 2 added {@code personalAccessTokenIds} ({@link LoginTokensRevoked1To2Upcaster}).
 */
@Revision("2")
public record LoginTokensRevoked(String userId, List<String> tokenIds, int credentialEpoch,
                                 List<String> personalAccessTokenIds) implements DeactivationStepConfirmed {
}
