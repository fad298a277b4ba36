package chat.lifecycle.events.oauth;

import java.util.List;
import org.axonframework.serialization.Revision;

/** An OAuth client application was registered. Only a hash of its client secret is kept. */
@Revision("1")
public record OAuthAppCreated(String appId, String name, String clientId, String hashedClientSecret,
                              List<String> redirectUris, boolean active) {
}
