package chat.lifecycle.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Deletes a user account. The rooms that depend on the user (as at a deactivation) block it unless
 * {@code confirmRelinquish}; confirmed, they are handed over or deleted. Answers the ids of those rooms. With an
 * {@code expectedVersion}, refused unless the user is still at that version (SCIM's {@code If-Match}).
 */
public record DeleteUser(@TargetAggregateIdentifier String userId, boolean confirmRelinquish,
                         @TargetAggregateVersion Long expectedVersion) {

    public DeleteUser(String userId, boolean confirmRelinquish) {
        this(userId, confirmRelinquish, null);
    }
}
