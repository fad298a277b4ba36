package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/** Its owner removed a personal access token. */
@Revision("1")
public record PersonalAccessTokenRemoved(String userId, String tokenId, String name) {
}
