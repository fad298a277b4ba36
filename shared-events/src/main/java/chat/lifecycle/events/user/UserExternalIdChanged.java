package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/**
 * The identifier an identity provider knows a user by (SCIM's {@code externalId}) was set, changed or, when
 * {@code externalId} is null, removed. Follows {@code UserCreated} in the same commit when a user is created with one.
 */
@Revision("1")
public record UserExternalIdChanged(String userId, String externalId) {
}
