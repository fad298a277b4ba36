package chat.lifecycle.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a user account. */
public record DeleteUser(@TargetAggregateIdentifier String userId) {
}
