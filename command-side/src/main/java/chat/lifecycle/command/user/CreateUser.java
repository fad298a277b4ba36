package chat.lifecycle.command.user;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a user. {@code passwordHash} is already bcrypt-hashed by the caller. */
public record CreateUser(
        @TargetAggregateIdentifier String userId,
        String username,
        String name,
        String email,
        boolean emailVerified,
        String passwordHash,
        Set<String> roles,
        boolean active) {
}
