package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/** A global role (admin, user, bot, ...) was granted to a user. */
@Revision("1")
public record UserRoleAdded(String userId, String role) {
}
