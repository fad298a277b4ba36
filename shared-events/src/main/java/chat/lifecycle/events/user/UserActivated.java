package chat.lifecycle.events.user;

import org.axonframework.serialization.Revision;

/** An inactive user became active again. Credentials revoked by an earlier deactivation stay dead. */
@Revision("1")
public record UserActivated(String userId) {
}
