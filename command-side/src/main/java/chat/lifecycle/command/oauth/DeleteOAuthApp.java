package chat.lifecycle.command.oauth;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes an OAuth client application. */
public record DeleteOAuthApp(@TargetAggregateIdentifier String appId) {
}
