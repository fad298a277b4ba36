package chat.lifecycle.command.credentials;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issues a named personal access token to an active user; names are unique per user. */
public record IssuePersonalAccessToken(@TargetAggregateIdentifier String userId, String tokenId, String name,
                                       String hashedToken, String lastTokenPart) {
}
