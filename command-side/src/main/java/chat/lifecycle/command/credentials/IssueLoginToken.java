package chat.lifecycle.command.credentials;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issues a login token to an active user; only the token's hash travels. */
public record IssueLoginToken(@TargetAggregateIdentifier String userId, String tokenId, String hashedToken) {
}
