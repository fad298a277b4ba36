package chat.lifecycle.query.user;

import chat.lifecycle.events.query.FindUserStatus;
import chat.lifecycle.events.query.UserStatus;
import chat.lifecycle.events.user.LoginTokenIssued;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import chat.lifecycle.events.user.UserRoleAdded;
import chat.lifecycle.events.user.UserRoleRemoved;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import chat.lifecycle.query.replay.Rebuild;
import chat.lifecycle.query.replay.Rebuildable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * What each user event does to its user's row of {@code user_view}, written once over {@link UserRows}: live, one
 * statement per event ({@link UserTable}); in a replay every row stays in memory until the end. A change applies only
 * when the event is newer than the row ({@code version}, the event's sequence in the user's stream), so applying an
 * event the row already reflects changes nothing.
 */
@Component
@ProcessingGroup(UserViewProjection.GROUP)
public class UserViewProjection implements Rebuildable {

    public static final String GROUP = "user-view";

    private final UserRows rows;
    private final UserViews views;

    @Autowired
    public UserViewProjection(QueuedWritesJdbcTemplate jdbc, UserViews views) {
        this(new UserTable(jdbc), views);
    }

    UserViewProjection(UserRows rows, UserViews views) {
        this.rows = rows;
        this.views = views;
    }

    /** A new row, replacing any of the same id; it has no last login yet. */
    @EventHandler
    void on(UserCreated event, @SequenceNumber long version, @Timestamp Instant at) {
        rows.create(event.userId(), version, columns("username", event.username(), "name", event.name(),
                "email", event.email(), "email_verified", event.emailVerified(), "active", event.active(),
                "type", event.type(), "roles", String.join(",", new TreeSet<>(event.roles())),
                "federated", event.federated(), "created_at", at, "updated_at", at));
    }

    @EventHandler
    void on(UserActivated event, @SequenceNumber long version, @Timestamp Instant at) {
        setActive(event.userId(), true, version, at);
    }

    @EventHandler
    void on(UserDeactivated event, @SequenceNumber long version, @Timestamp Instant at) {
        setActive(event.userId(), false, version, at);
    }

    private void setActive(String userId, boolean active, long version, Instant at) {
        rows.update(userId, version, columns("active", active, "updated_at", at),
                () -> RequestStatusWrites.written(userId, active));
    }

    @EventHandler
    void on(UserRoleAdded event, @SequenceNumber long version, @Timestamp Instant at) {
        setRole(event.userId(), event.role(), true, version, at);
    }

    @EventHandler
    void on(UserRoleRemoved event, @SequenceNumber long version, @Timestamp Instant at) {
        setRole(event.userId(), event.role(), false, version, at);
    }

    /** The last login is the event's time; {@code updated_at} stays. */
    @EventHandler
    void on(LoginTokenIssued event, @SequenceNumber long version, @Timestamp Instant at) {
        rows.update(event.userId(), version, columns("last_login", at));
    }

    @EventHandler
    void on(UserDeleted event) {
        rows.delete(event.userId());
    }

    /** Roles are kept sorted and comma-separated. */
    private void setRole(String userId, String role, boolean held, long version, Instant at) {
        rows.roles(userId).ifPresent(roles -> {
            TreeSet<String> changed = new TreeSet<>(roles);
            if (held) {
                changed.add(role);
            } else {
                changed.remove(role);
            }
            rows.update(userId, version, columns("roles", String.join(",", changed), "updated_at", at));
        });
    }

    /** Column names and values in turn; values may be null. */
    private static Map<String, Object> columns(Object... namesAndValues) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            columns.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return columns;
    }

    /**
     * The view {@code users.setActiveStatus} answers with: the row as this request's command left it, else as it is
     * now; null once the user is gone.
     */
    @QueryHandler
    public UserStatus handle(FindUserStatus query) {
        return RequestStatusWrites.of(query.userId()).or(() -> views.byId(query.userId())
                .map(view -> new UserStatus(view.id(), view.active()))).orElse(null);
    }

    @Override
    public String processingGroup() {
        return GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("user_view");
    }

    @Override
    public Rebuild rebuild() {
        InMemory memory = new InMemory();
        return Rebuild.of(new UserViewProjection(memory, views), jdbc -> UserTable.replace(jdbc, memory.rows));
    }

    /** Where the rules find a user's row and leave it changed. */
    interface UserRows {

        /** Writes a new row with these columns, replacing any of the same id. */
        void create(String userId, long version, Map<String, Object> columns);

        /**
         * Sets these columns and the version, unless the row is gone or already at that version or later; runs
         * {@code applied} once it did (live, when the transaction sends its queued writes).
         */
        void update(String userId, long version, Map<String, Object> columns, Runnable applied);

        default void update(String userId, long version, Map<String, Object> columns) {
            update(userId, version, columns, () -> { });
        }

        /** The user's roles, unless the row is gone. */
        Optional<Collection<String>> roles(String userId);

        void delete(String userId);
    }

    /** Every row in memory, for a replay, written at the end. */
    private static final class InMemory implements UserRows {

        private final Map<String, Map<String, Object>> rows = new HashMap<>();

        @Override
        public void create(String userId, long version, Map<String, Object> columns) {
            Map<String, Object> row = new HashMap<>(columns);
            row.put("version", version);
            rows.put(userId, row);
        }

        @Override
        public void update(String userId, long version, Map<String, Object> columns, Runnable applied) {
            Map<String, Object> row = rows.get(userId);
            if (row != null && (long) row.get("version") < version) {
                row.putAll(columns);
                row.put("version", version);
                applied.run();
            }
        }

        @Override
        public Optional<Collection<String>> roles(String userId) {
            return Optional.ofNullable(rows.get(userId))
                    .map(row -> UserViews.roles((String) row.get("roles")));
        }

        @Override
        public void delete(String userId) {
            rows.remove(userId);
        }
    }
}
