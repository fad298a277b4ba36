package chat.lifecycle.events.oauth;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An access token and its refresh token were issued to a client on a user's behalf (hashes only). When the pair
 * comes from a refresh grant, {@code replacesTokenId} names the pair it rotates out.
 */
@Revision("1")
public record OAuthTokensIssued(String userId, String tokenId, String clientId, String hashedAccessToken,
                                Instant accessExpiresAt, String hashedRefreshToken, Instant refreshExpiresAt,
                                int credentialEpoch, String replacesTokenId) {
}
