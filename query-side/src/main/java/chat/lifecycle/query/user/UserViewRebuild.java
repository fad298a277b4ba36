package chat.lifecycle.query.user;

import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.query.replay.Rebuild;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code user_view} rebuilt in memory (see {@link UserViewRules}): one row per user, written at the end. */
class UserViewRebuild extends UserViewRules implements Rebuild {

    private final Map<String, Row> rows = new HashMap<>();

    @Override
    void create(UserCreated event, long version, Instant at) {
        rows.put(event.userId(), new Row(event, version, at));
    }

    @Override
    void setActive(String userId, boolean active, long version, Instant at) {
        Row row = advance(userId, version);
        if (row != null) {
            row.active = active;
            row.updatedAt = at;
        }
    }

    @Override
    void setRole(String userId, String role, boolean held, long version, Instant at) {
        Row row = advance(userId, version);
        if (row != null) {
            row.roles = withRole(UserViews.roles(row.roles), role, held);
            row.updatedAt = at;
        }
    }

    @Override
    void setLastLogin(String userId, long version, Instant at) {
        Row row = advance(userId, version);
        if (row != null) {
            row.lastLogin = at;
        }
    }

    @Override
    void delete(String userId) {
        rows.remove(userId);
    }

    @Override
    public void replace(JdbcTemplate jdbc) {
        jdbc.update("delete from user_view");
        Rebuild.batch(jdbc, UserViewProjection.INSERT, rows.values(), Row::values);
    }

    /** The user's row, moved on to the event's version, if the event is newer than it; else null: nothing changes. */
    private Row advance(String userId, long version) {
        Row row = rows.get(userId);
        if (row == null || row.version >= version) {
            return null;
        }
        row.version = version;
        return row;
    }

    /** A user's row; the creation event's fields are copied, so its password hash and role set are not kept. */
    private static final class Row {

        private final String id;
        private final String username;
        private final String name;
        private final String email;
        private final boolean emailVerified;
        private final String type;
        private final boolean federated;
        private final Instant createdAt;
        private boolean active;
        private String roles;
        private Instant updatedAt;
        private Instant lastLogin;
        private long version;

        Row(UserCreated created, long version, Instant at) {
            this.id = created.userId();
            this.username = created.username();
            this.name = created.name();
            this.email = created.email();
            this.emailVerified = created.emailVerified();
            this.type = created.type();
            this.federated = created.federated();
            this.createdAt = at;
            this.active = created.active();
            this.roles = roles(created.roles());
            this.updatedAt = at;
            this.version = version;
        }

        Object[] values() {
            return new Object[] {id, username, name, email, emailVerified, active, type, roles, federated,
                    Timestamp.from(createdAt), Timestamp.from(updatedAt),
                    lastLogin == null ? null : Timestamp.from(lastLogin), version};
        }
    }
}
