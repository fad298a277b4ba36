package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/** A user account was deleted; its credentials die with it. */
@Revision("1")
public record UserDeleted(String userId) {
}
