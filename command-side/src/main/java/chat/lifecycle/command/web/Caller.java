package chat.lifecycle.command.web;

import chat.lifecycle.command.Actor;
import java.util.Set;

/**
 * The authenticated user behind a request, with the permissions their roles grant and the credential epoch the
 * presented credential belongs to. {@code authToken} is the login token used, or null when the request came with
 * an OAuth bearer token.
 */
public record Caller(String userId, String username, String authToken, int credentialEpoch,
                     Set<String> permissions) {

    public Actor actor() {
        return new Actor(userId, username, credentialEpoch);
    }

    public boolean holds(String permission) {
        return permissions.contains(permission);
    }

    /** 403 unless the caller holds at least one of the permissions. */
    public void requireAny(String... anyOf) {
        for (String permission : anyOf) {
            if (holds(permission)) {
                return;
            }
        }
        throw ApiException.forbidden();
    }
}
