package chat.lifecycle.command.user;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a user. {@code passwordHash} is already hashed by the caller ({@code Passwords}). {@code federated} marks
 * a user who lives on another server and arrives through federation; its status is not ours to change.
 * {@code externalId} is the identifier an identity provider knows the user by (SCIM), or null.
 */
public record CreateUser(
        @TargetAggregateIdentifier String userId,
        String username,
        String name,
        String email,
        boolean emailVerified,
        String passwordHash,
        Set<String> roles,
        boolean active,
        boolean federated,
        String externalId) {

    /** A user no identity provider knows. */
    public CreateUser(String userId, String username, String name, String email, boolean emailVerified,
                      String passwordHash, Set<String> roles, boolean active, boolean federated) {
        this(userId, username, name, email, emailVerified, passwordHash, roles, active, federated, null);
    }
}
