package chat.lifecycle.app.faults;

import chat.lifecycle.app.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault tests' ground truth, read straight from the database with a connection of their own: the status events
 * in the event store, and what the read model and the lookups say about the same users.
 */
record StoredStatus(TestDatabase database) {

    static final String ACTIVATED = "chat.lifecycle.events.user.UserActivated";
    static final String DEACTIVATED = "chat.lifecycle.events.user.UserDeactivated";
    private static final String CREATED = "chat.lifecycle.events.user.UserCreated";

    /** A user's status changes after creation, oldest first: true for UserActivated, false for UserDeactivated. */
    List<Boolean> changesOf(String userId) {
        List<Boolean> changes = new ArrayList<>();
        query("select payload_type from domain_event_entry where aggregate_identifier = ? and payload_type in (?, ?) "
                + "order by sequence_number", rows -> {
            while (rows.next()) {
                changes.add(rows.getString(1).equals(ACTIVATED));
            }
        }, userId, ACTIVATED, DEACTIVATED);
        return changes;
    }

    /** Every user's status as its last status event says (creation included), by user id. */
    Map<String, Boolean> lastEventOfEachUser() {
        Map<String, Boolean> last = new HashMap<>();
        query("""
                select distinct on (aggregate_identifier) aggregate_identifier, payload_type,
                       convert_from(payload, 'UTF8')::json ->> 'active'
                from domain_event_entry where payload_type in (?, ?, ?)
                order by aggregate_identifier, sequence_number desc""", rows -> {
            while (rows.next()) {
                String type = rows.getString(2);
                last.put(rows.getString(1), type.equals(CREATED) ? Boolean.parseBoolean(rows.getString(3))
                        : type.equals(ACTIVATED));
            }
        }, CREATED, ACTIVATED, DEACTIVATED);
        return last;
    }

    /** The read model's status of every user ({@code user_view}). */
    Map<String, Boolean> readModel() {
        return activeColumn("user_view");
    }

    /** The command side's lookup of every user ({@code user_account}), which authentication reads. */
    Map<String, Boolean> lookup() {
        return activeColumn("user_account");
    }

    /**
     * What callers have written: events on behalf of anyone but the system (background sagas write as the system),
     * and the lookups of users, OAuth apps and permissions.
     */
    String writtenByCallers() {
        return count("select count(*) from domain_event_entry "
                + "where convert_from(meta_data, 'UTF8')::json ->> 'actorId' <> 'system'")
                + " events, " + count("select coalesce(max(global_index), 0) from domain_event_entry "
                + "where convert_from(meta_data, 'UTF8')::json ->> 'actorId' <> 'system'") + " last, "
                + count("select count(*) from user_account") + " users, "
                + count("select count(*) from oauth_app") + " apps, "
                + count("select count(*) from permission_role") + " grants, "
                + count("select count(*) from room_lookup") + " rooms";
    }

    long count(String sql, Object... parameters) {
        long[] count = new long[1];
        query(sql, rows -> {
            rows.next();
            count[0] = rows.getLong(1);
        }, parameters);
        return count[0];
    }

    private Map<String, Boolean> activeColumn(String table) {
        Map<String, Boolean> active = new HashMap<>();
        query("select id, active from " + table, rows -> {
            while (rows.next()) {
                active.put(rows.getString(1), rows.getBoolean(2));
            }
        });
        return active;
    }

    private interface Rows {
        void read(ResultSet rows) throws SQLException;
    }

    private void query(String sql, Rows reader, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "'", e);
        }
    }
}
