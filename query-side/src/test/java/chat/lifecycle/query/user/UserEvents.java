package chat.lifecycle.query.user;

import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feeds user events to {@link UserViewProjection}, whose handlers are package-private, for tests of other read
 * models that need {@code user_view}. Numbers each user's events as their stream would.
 */
public final class UserEvents {

    private final UserViewProjection projection;
    private final Map<String, Long> versions = new HashMap<>();

    public UserEvents(QueuedWritesJdbcTemplate jdbc) {
        this.projection = new UserViewProjection(jdbc, new UserViews(jdbc));
    }

    /** An active user whose username is their id without the {@code u-} prefix. */
    public void created(String userId, Instant at) {
        projection.on(new UserCreated(userId, userId.substring(2), userId.substring(2), null, false, null,
                Set.of("user"), true, "user", false), next(userId), at);
    }

    public void deactivated(String userId, Instant at) {
        projection.on(new UserDeactivated(userId, false, 1, true, List.of()), next(userId), at);
    }

    public void activated(String userId, Instant at) {
        projection.on(new UserActivated(userId), next(userId), at);
    }

    public void deleted(String userId) {
        projection.on(new UserDeleted(userId, List.of()));
    }

    private long next(String userId) {
        return versions.merge(userId, 0L, (last, ignored) -> last + 1);
    }
}
