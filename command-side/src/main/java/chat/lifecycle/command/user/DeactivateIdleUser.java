package chat.lifecycle.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Deactivates a user who has been idle too long ({@code users.deactivateIdle}). As in Rocket.Chat it leaves the
 * rooms as they are (no owner hand-over); the credentials are revoked like any deactivation's. Unlike Rocket.Chat it
 * keeps the last-admin rule: the last active admin is refused. Answers whether the status changed.
 */
public record DeactivateIdleUser(@TargetAggregateIdentifier String userId) {
}
