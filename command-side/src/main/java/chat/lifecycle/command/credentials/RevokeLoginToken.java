package chat.lifecycle.command.credentials;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes one login token (logout). Revoking an unknown token changes nothing. */
public record RevokeLoginToken(@TargetAggregateIdentifier String userId, String hashedToken) {
}
