package chat.lifecycle.events.oauth;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A user allowed a client: a single-use, short-lived authorization code was issued (only its hash kept). */
@Revision("1")
public record AuthorizationCodeIssued(String userId, String codeId, String hashedCode, String clientId,
                                      String redirectUri, Instant expiresAt, int credentialEpoch) {
}
