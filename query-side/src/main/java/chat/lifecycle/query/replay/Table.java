package chat.lifecycle.query.replay;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
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
        return "insert into " + named() + " values (?" + ", ?".repeat(columns.size() - 1) + ")";
    }

    /**
     * Writes the rows, each as its values in {@link #columns}' order. On PostgreSQL they go as one {@code COPY}
     * stream, which takes the database a fraction of the work of as many inserts (docs/performance.md, stop 34);
     * elsewhere as inserts in JDBC batches.
     */
    public <T> void load(JdbcTemplate jdbc, Collection<T> rows, Function<T, Object[]> values) {
        boolean copied = jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            if (!connection.isWrapperFor(PGConnection.class)) {
                return false;
            }
            copy(connection, rows, values);
            return true;
        });
        if (!copied) {
            Rebuild.batch(jdbc, insert(), rows, values);
        }
    }

    /** The table with its columns, as an insert or a copy names them. */
    private String named() {
        return name + " (" + String.join(", ", columns) + ")";
    }

    private <T> void copy(Connection connection, Collection<T> rows, Function<T, Object[]> values)
            throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + named() + " from stdin (format csv)");
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
