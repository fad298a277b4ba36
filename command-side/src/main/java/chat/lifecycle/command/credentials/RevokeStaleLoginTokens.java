package chat.lifecycle.command.credentials;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Revokes and deletes every login token issued before {@code credentialEpoch}. Idempotent: a repeat for an epoch
 * already handled changes nothing, so the deactivation saga may send it as often as it needs.
 */
public record RevokeStaleLoginTokens(@TargetAggregateIdentifier String userId, int credentialEpoch) {
}
