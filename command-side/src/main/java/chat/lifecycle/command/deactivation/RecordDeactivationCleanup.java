package chat.lifecycle.command.deactivation;

import chat.lifecycle.events.user.DeactivationCleanupCompleted;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a deactivation's receipt on its user, once every step is confirmed: the saga's last step. Idempotent. */
public record RecordDeactivationCleanup(@TargetAggregateIdentifier String userId,
                                        DeactivationCleanupCompleted receipt) {
}
