package chat.lifecycle.events.user;

import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A user account was created. {@code passwordHash} is a hash, never the password: {@code {sha256}} and bcrypt over
 * the password's SHA-256, or, in events stored before that, bcrypt of the password itself. Publishers to other
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
