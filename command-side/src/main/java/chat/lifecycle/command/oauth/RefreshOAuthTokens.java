package chat.lifecycle.command.oauth;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Rotates a token pair: the refresh token's pair is replaced by a new one. */
public record RefreshOAuthTokens(@TargetAggregateIdentifier String grantsId, String hashedRefreshToken,
                                 String clientId, NewTokenPair tokens) {
}
