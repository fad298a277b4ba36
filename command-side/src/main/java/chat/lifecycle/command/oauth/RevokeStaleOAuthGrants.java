package chat.lifecycle.command.oauth;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Revokes and deletes every code and token pair issued to the user before {@code credentialEpoch}. Idempotent,
 * like {@link chat.lifecycle.command.credentials.RevokeStaleLoginTokens}.
 */
public record RevokeStaleOAuthGrants(@TargetAggregateIdentifier String grantsId, String userId, int credentialEpoch) {
}
