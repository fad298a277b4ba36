package chat.lifecycle.events.user;

import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A user account was created. {@code passwordHash} is a bcrypt hash, never the password; publishers to other
 * services leave it out.
 */
@Revision("1")
public record UserCreated(
        String userId,
        String username,
        String name,
        String email,
        boolean emailVerified,
        String passwordHash,
        Set<String> roles,
        boolean active,
        String type,
        boolean federated) {
}
