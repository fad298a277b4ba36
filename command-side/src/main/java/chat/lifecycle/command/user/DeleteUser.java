package chat.lifecycle.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Deletes a user account. The rooms that depend on the user (as at a deactivation) block it unless
 * {@code confirmRelinquish}; confirmed, they are handed over or deleted. Answers the ids of those rooms.
 */
public record DeleteUser(@TargetAggregateIdentifier String userId, boolean confirmRelinquish) {
}
