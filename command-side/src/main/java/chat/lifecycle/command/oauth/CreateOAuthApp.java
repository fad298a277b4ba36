package chat.lifecycle.command.oauth;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers an OAuth client application. */
public record CreateOAuthApp(@TargetAggregateIdentifier String appId, String name, String clientId,
                             String hashedClientSecret, List<String> redirectUris, boolean active) {
}
