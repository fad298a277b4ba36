package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/**
 * A login token was issued to a user. Only its SHA-256 hash is recorded. The token is valid while the user is
 * active and still in {@code credentialEpoch}.
 */
@Revision("1")
public record LoginTokenIssued(String userId, String tokenId, String hashedToken, int credentialEpoch) {
}
