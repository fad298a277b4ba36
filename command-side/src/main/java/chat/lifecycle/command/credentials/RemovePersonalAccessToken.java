package chat.lifecycle.command.credentials;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a personal access token by name. */
public record RemovePersonalAccessToken(@TargetAggregateIdentifier String userId, String name) {
}
