package chat.lifecycle.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a global role away; a role the user does not hold is no change. */
public record RemoveRoleFromUser(@TargetAggregateIdentifier String userId, String role) {
}
