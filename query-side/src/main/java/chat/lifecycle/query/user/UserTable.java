package chat.lifecycle.query.user;

import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import chat.lifecycle.query.replay.Table;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code user_view} as the live projection changes it: one statement per change, two for a new row; updates are
 * queued in the transaction ({@link QueuedWritesJdbcTemplate}).
 */
final class UserTable implements UserViewProjection.UserRows {

    /** The columns of a projection's map of a user: the row's id and version aside. */
    private static final List<String> COLUMNS = List.of("username", "name", "email", "email_verified", "active",
            "type", "roles", "federated", "created_at", "updated_at", "last_login");
    private static final Table USER_VIEW = new Table("user_view",
            Stream.of(List.of("id"), COLUMNS, List.of("version")).flatMap(List::stream).toList());
    private static final String INSERT = USER_VIEW.insert();

    private final QueuedWritesJdbcTemplate jdbc;

    UserTable(QueuedWritesJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void create(String userId, long version, Map<String, Object> columns) {
        delete(userId);
        jdbc.update(INSERT, row(userId, version, columns));
    }

    @Override
    public void update(String userId, long version, Map<String, Object> columns, Runnable applied) {
        List<String> assignments = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        columns.forEach((column, value) -> {
            assignments.add(column + " = ?");
            values.add(sql(value));
        });
        values.addAll(List.of(version, userId, version));
        jdbc.updateLater("update user_view set " + String.join(", ", assignments) + ", version = ? where id = ? "
                + "and version < ?", values.toArray(), rows -> {
                    if (rows == 1) {
                        applied.run();
                    }
                });
    }

    @Override
    public Optional<Collection<String>> roles(String userId) {
        return jdbc.queryForList("select roles from user_view where id = ?", String.class, userId).stream()
                .findFirst().map(UserViews::roles);
    }

    @Override
    public void delete(String userId) {
        jdbc.update("delete from user_view where id = ?", userId);
    }

    /** Replaces every row with these. */
    static void replace(JdbcTemplate jdbc, Map<String, Map<String, Object>> rows) {
        jdbc.update("delete from user_view");
        USER_VIEW.load(jdbc, rows.entrySet(),
                row -> row(row.getKey(), (long) row.getValue().get("version"), row.getValue()));
    }

    private static Object[] row(String userId, long version, Map<String, Object> columns) {
        Object[] values = new Object[COLUMNS.size() + 2];
        values[0] = userId;
        for (int i = 0; i < COLUMNS.size(); i++) {
            values[i + 1] = sql(columns.get(COLUMNS.get(i)));
        }
        values[values.length - 1] = version;
        return values;
    }

    private static Object sql(Object value) {
        return value instanceof Instant instant ? Timestamp.from(instant) : value;
    }
}
