package chat.lifecycle.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Activates or deactivates a user, the command behind {@code users.setActiveStatus} and SCIM's {@code active}. With
 * an {@code expectedVersion}, refused unless the user is still at that version (SCIM's {@code If-Match}).
 */
public record SetActiveStatus(@TargetAggregateIdentifier String userId, boolean active, boolean confirmRelinquish,
                              @TargetAggregateVersion Long expectedVersion) {

    public SetActiveStatus(String userId, boolean active, boolean confirmRelinquish) {
        this(userId, active, confirmRelinquish, null);
    }
}
