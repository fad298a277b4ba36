package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/** One login token was revoked, by its owner logging out. */
@Revision("1")
public record LoginTokenRevoked(String userId, String tokenId) {
}
