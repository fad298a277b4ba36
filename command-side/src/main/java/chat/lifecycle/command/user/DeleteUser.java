package chat.lifecycle.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Deletes a user account. With an {@code expectedVersion}, refused unless the user is still at that version (SCIM's
 * {@code If-Match}).
 */
public record DeleteUser(@TargetAggregateIdentifier String userId, @TargetAggregateVersion Long expectedVersion) {

    public DeleteUser(String userId) {
        this(userId, null);
    }
}
