package chat.lifecycle.command.security;

import chat.lifecycle.command.Actor;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The authenticated user behind a request, with the permissions their roles grant and the credential epoch the
 * presented credential belongs to. {@code authToken} is the login token used, or null when the request came with
 * an OAuth bearer token. It is the authentication's principal, taken by controllers as
 * {@code @AuthenticationPrincipal Caller}; routes state the permissions they need with {@code @PreAuthorize}.
 */
public record Caller(String userId, String username, String authToken, int credentialEpoch,
                     Set<String> permissions) implements AuthenticatedPrincipal {

    /** The principal's name is the user id, as the query side and the proxy headers have it. */
    @Override
    public String getName() {
        return userId;
    }

    public Actor actor() {
        return new Actor(userId, username, credentialEpoch);
    }

    public boolean holds(String permission) {
        return permissions.contains(permission);
    }
}
