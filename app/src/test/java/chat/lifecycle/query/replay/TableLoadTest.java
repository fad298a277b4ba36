package chat.lifecycle.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.TestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A rebuild's bulk load writes exactly the rows it is given: through {@code COPY} on PostgreSQL, through batched
 * inserts on H2, whatever the strings hold, null and empty kept apart, and past one chunk of the stream.
 */
class TableLoadTest {

    private static final Table TABLE = new Table("loaded", "id", "name", "flag", "n", "big", "at");
    private static final Instant AT = Instant.parse("2026-12-05T10:15:30.123456Z");
    private static final List<Object[]> TRICKY = List.of(
            row("quote", "he said \"hi\", then left", true, 1, 10L, AT),
            row("lines", "line one\nline two\r\n", false, -2, Long.MAX_VALUE, AT.plusNanos(1_000)),
            row("slash", "back\\slash \\N and \\.", true, 0, 0L, AT.minus(400, ChronoUnit.DAYS)),
            row("empty", "", false, 3, 3L, AT),
            row("null", null, false, 4, 4L, null),
            row("unicode", "Zoë ✓ 名前 🎉", true, Integer.MAX_VALUE, Long.MIN_VALUE, AT));

    private SingleConnectionDataSource dataSource;

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    @Test
    void postgresqlCopiesEveryValueAsGiven() {
        TestDatabase database = TestDatabase.get().sibling();
        JdbcTemplate jdbc = connect(database.url(), database.user(), database.password());

        TABLE.load(jdbc, TRICKY, values -> values);

        assertThat(read(jdbc)).containsExactlyInAnyOrderElementsOf(TRICKY.stream().map(Arrays::asList).toList());
    }

    @Test
    void postgresqlCopiesRowsPastOneChunk() {
        TestDatabase database = TestDatabase.get().sibling();
        JdbcTemplate jdbc = connect(database.url(), database.user(), database.password());
        List<Object[]> rows = IntStream.range(0, 3_000)
                .mapToObj(i -> row("row-" + i, "x".repeat(100) + i, i % 2 == 0, i, (long) i, AT.plusSeconds(i)))
                .toList();

        TABLE.load(jdbc, rows, values -> values);

        assertThat(read(jdbc)).containsExactlyInAnyOrderElementsOf(rows.stream().map(Arrays::asList).toList());
    }

    @Test
    void elsewhereTheRowsGoAsBatchedInserts() {
        JdbcTemplate jdbc = connect("jdbc:h2:mem:table-load;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");

        TABLE.load(jdbc, TRICKY, values -> values);

        assertThat(read(jdbc)).containsExactlyInAnyOrderElementsOf(TRICKY.stream().map(Arrays::asList).toList());
    }

    private JdbcTemplate connect(String url, String user, String password) {
        dataSource = new SingleConnectionDataSource(url, user, password, true);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("create table loaded (id varchar(64) primary key, name varchar(255), flag boolean not null, "
                + "n int not null, big bigint not null, at timestamp with time zone)");
        return jdbc;
    }

    private static List<List<Object>> read(JdbcTemplate jdbc) {
        return jdbc.query("select id, name, flag, n, big, at from loaded", (rs, i) -> {
            List<Object> values = new ArrayList<>();
            values.add(rs.getString(1));
            values.add(rs.getString(2));
            values.add(rs.getBoolean(3));
            values.add(rs.getInt(4));
            values.add(rs.getLong(5));
            Timestamp at = rs.getTimestamp(6);
            values.add(at == null ? null : Timestamp.from(at.toInstant()));
            return values;
        });
    }

    private static Object[] row(String id, String name, boolean flag, int n, long big, Instant at) {
        return new Object[] {id, name, flag, n, big, at == null ? null : Timestamp.from(at)};
    }
}
