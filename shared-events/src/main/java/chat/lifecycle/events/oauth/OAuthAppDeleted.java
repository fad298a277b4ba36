package chat.lifecycle.events.oauth;

import org.axonframework.serialization.Revision;

/** An OAuth client application was removed; its clients can no longer obtain tokens. */
@Revision("1")
public record OAuthAppDeleted(String appId, String clientId) {
}
