package chat.lifecycle.command.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Sets the identifier an identity provider knows the user by, or removes it ({@code externalId} null). With an
 * {@code expectedVersion}, refused unless the user is still at that version (SCIM's {@code If-Match}).
 */
public record ChangeExternalId(@TargetAggregateIdentifier String userId, String externalId,
                               @TargetAggregateVersion Long expectedVersion) {
}
