package chat.lifecycle.query.replay;

import static java.util.stream.Collectors.joining;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read-model table and the columns its rows are written in, in order: the live projection's insert and a
 * rebuild's bulk load are both made from them.
 */
public record Table(String name, List<String> columns) {

    /** Bytes of rows sent to {@code COPY} at a time. */
    private static final int CHUNK = 1 << 16;

    public Table(String name, String... columns) {
        this(name, List.of(columns));
    }

    /** The insert of one row, its values in {@link #columns}' order. */
    public String insert() {
        return "insert into " + named(name) + " values (?" + ", ?".repeat(columns.size() - 1) + ")";
    }

    /**
     * Writes the rows, each as its values in {@link #columns}' order. On PostgreSQL they go as one {@code COPY}
     * stream, which takes the database a fraction of the work of as many inserts (docs/performance.md, stop 34);
     * elsewhere as inserts in JDBC batches.
     */
    public <T> void load(JdbcTemplate jdbc, Collection<T> rows, Function<T, Object[]> values) {
        if (!onPostgres(jdbc, connection -> copy(connection, named(name), rows, values))) {
            Rebuild.batch(jdbc, insert(), rows, values);
        }
    }

    /**
     * Writes each row, or writes it over the row of the same {@code key} (columns of the primary key); of rows with
     * the same key the last counts. On PostgreSQL the rows go by {@code COPY} into a temporary table and from there
     * into this one in one statement, which leaves a row that is already as written untouched (no dead version for
     * vacuum to clear): a replay rewrites every row of a table that is only ever appended to
     * (docs/performance.md, stop 35). Elsewhere {@code rowWrite}, a one-row statement that does the same, runs in
     * JDBC batches. Runs in the caller's transaction, which the temporary table does not outlive.
     */
    public <T> void upsert(JdbcTemplate jdbc, List<String> key, Collection<T> rows, Function<T, Object[]> values,
                           String rowWrite) {
        List<Integer> keyAt = key.stream().map(columns::indexOf).toList();
        Map<List<Object>, Object[]> lastOfKey = new LinkedHashMap<>();
        for (T row : rows) {
            Object[] written = values.apply(row);
            lastOfKey.put(keyAt.stream().map(at -> written[at]).toList(), written);
        }
        Collection<Object[]> distinct = lastOfKey.values();
        String staged = name + "_staged";
        boolean copied = onPostgres(jdbc, connection -> {
            try (Statement sql = connection.createStatement()) {
                sql.execute("create temporary table " + staged + " on commit drop as select " + columnList() + " from "
                        + name + " with no data");
                copy(connection, named(staged), distinct, written -> written);
                sql.execute(upsertFrom(staged, key));
                sql.execute("drop table " + staged);
            }
        });
        if (!copied) {
            Rebuild.batch(jdbc, rowWrite, distinct, written -> written);
        }
    }

    /** Inserts the staged rows, or updates the row of the same key where a value differs. */
    private String upsertFrom(String staged, List<String> key) {
        List<String> rest = columns.stream().filter(column -> !key.contains(column)).toList();
        return "insert into " + named(name) + " select " + columnList() + " from " + staged
                + " on conflict (" + String.join(", ", key) + ") do update set "
                + rest.stream().map(column -> column + " = excluded." + column).collect(joining(", "))
                + " where (" + rest.stream().map(column -> name + "." + column).collect(joining(", "))
                + ") is distinct from (" + rest.stream().map(column -> "excluded." + column).collect(joining(", "))
                + ")";
    }

    /** Runs the work on the template's connection if it is PostgreSQL's; tells whether it ran. */
    private static boolean onPostgres(JdbcTemplate jdbc, PostgresWork work) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            if (!connection.isWrapperFor(PGConnection.class)) {
                return false;
            }
            work.run(connection);
            return true;
        }));
    }

    /** What runs on a PostgreSQL connection. */
    private interface PostgresWork {
        void run(Connection connection) throws SQLException;
    }

    /** The columns, as a statement lists them. */
    private String columnList() {
        return String.join(", ", columns);
    }

    /** A table (this one, or one staged like it) with the columns, as an insert or a copy names them. */
    private String named(String table) {
        return table + " (" + columnList() + ")";
    }

    /** Streams the rows into the target, a table with its columns, as CSV. */
    private static <T> void copy(Connection connection, String target, Collection<T> rows,
                                 Function<T, Object[]> values) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + target + " from stdin (format csv)");
        try {
            StringBuilder chunk = new StringBuilder(CHUNK + 1024);
            for (T row : rows) {
                csv(values.apply(row), chunk);
                if (chunk.length() >= CHUNK) {
                    send(copy, chunk);
                }
            }
            send(copy, chunk);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    /** One line of CSV: null unquoted and empty, every string quoted (so an empty one stays empty, not null). */
    private static void csv(Object[] values, StringBuilder line) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = values[i];
            if (value instanceof String text) {
                line.append('"').append(text.replace("\"", "\"\"")).append('"');
            } else if (value instanceof Timestamp timestamp) {
                line.append(timestamp.toInstant());
            } else if (value instanceof Instant || value instanceof Boolean || value instanceof Number) {
                line.append(value);
            } else if (value != null) {
                throw new IllegalArgumentException("no CSV form for " + value.getClass().getName());
            }
        }
        line.append('\n');
    }
}
