package chat.lifecycle.command.oauth;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a code a user granted a client. {@code credentialEpoch} is the user's epoch read in the same transaction
 * as their active flag: if a deactivation overtakes the grant, the code belongs to a dead epoch and never works.
 */
public record IssueAuthorizationCode(@TargetAggregateIdentifier String grantsId, String userId, String codeId,
                                     String hashedCode, String clientId, String redirectUri, Instant expiresAt,
                                     int credentialEpoch) {
}
