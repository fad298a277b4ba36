package chat.lifecycle.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Activates or deactivates a user, the command behind {@code users.setActiveStatus}. */
public record SetActiveStatus(@TargetAggregateIdentifier String userId, boolean active, boolean confirmRelinquish) {
}
