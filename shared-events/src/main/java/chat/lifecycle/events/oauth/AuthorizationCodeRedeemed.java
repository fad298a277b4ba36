package chat.lifecycle.events.oauth;

import org.axonframework.serialization.Revision;

/** An authorization code was exchanged for tokens; it can never be used again. */
@Revision("1")
public record AuthorizationCodeRedeemed(String userId, String codeId) {
}
