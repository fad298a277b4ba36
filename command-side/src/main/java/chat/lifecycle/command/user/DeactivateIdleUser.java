package chat.lifecycle.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Deactivates a user who has been idle too long ({@code users.deactivateIdle}). As in Rocket.Chat it bypasses the
 * owner and admin rules; the credentials are revoked like any deactivation's. Answers whether the status changed.
 */
public record DeactivateIdleUser(@TargetAggregateIdentifier String userId) {
}
