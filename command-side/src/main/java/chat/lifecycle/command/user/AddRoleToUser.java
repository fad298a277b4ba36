package chat.lifecycle.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Grants a global role. */
public record AddRoleToUser(@TargetAggregateIdentifier String userId, String role) {
}
