package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/** A global role was taken away from a user (a SCIM group's member removed). */
@Revision("1")
public record UserRoleRemoved(String userId, String role) {
}
