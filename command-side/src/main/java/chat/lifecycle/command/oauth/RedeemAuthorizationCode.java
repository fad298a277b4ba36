package chat.lifecycle.command.oauth;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Exchanges a code for a new token pair; the code must be unused, unexpired and the client's own. */
public record RedeemAuthorizationCode(@TargetAggregateIdentifier String grantsId, String hashedCode,
                                      String clientId, String redirectUri, NewTokenPair tokens) {
}
