package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/**
 * A named personal access token was issued: a login token that does not expire, for scripts and integrations.
 * Like every login token it is void once its credential epoch is over.
 */
@Revision("1")
public record PersonalAccessTokenIssued(String userId, String tokenId, String name, String hashedToken,
                                        String lastTokenPart, int credentialEpoch) {
}
