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
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rebuild's bulk load writes exactly the rows it is given: through {@code COPY} on PostgreSQL, through batched
 * inserts on H2, whatever the strings hold, null and empty kept apart, and past one chunk of the stream; its upsert
 * writes over the rows of the same key, the last of a key counting, and leaves a row written as it was untouched.
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

    private static final List<String> KEY = List.of("id");
    /** Rows written again over {@link #TRICKY}: one as it was, one changed, one new, one new twice. */
    private static final List<Object[]> AGAIN = List.of(
            TRICKY.get(0),
            row("lines", "now one line", true, -2, 7L, null),
            row("fresh", "new", false, 5, 5L, AT),
            row("twice", "first", false, 6, 6L, AT),
            row("twice", "second", true, 7, 7L, AT.plusSeconds(1)));

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

    @Test
    void postgresqlUpsertsInsertsOverwritesAndLeavesEqualRowsUntouched() {
        TestDatabase database = TestDatabase.get().sibling();
        JdbcTemplate jdbc = connect(database.url(), database.user(), database.password());
        TABLE.load(jdbc, TRICKY, values -> values);
        String unchangedVersion = version(jdbc, "quote");
        String changedVersion = version(jdbc, "lines");

        inTransaction(() -> TABLE.upsert(jdbc, KEY, AGAIN, values -> values, null));

        assertThat(read(jdbc)).containsExactlyInAnyOrderElementsOf(afterAgain());
        assertThat(version(jdbc, "quote")).as("a row written as it was keeps its version")
                .isEqualTo(unchangedVersion);
        assertThat(version(jdbc, "lines")).isNotEqualTo(changedVersion);
    }

    @Test
    void elsewhereUpsertsRunTheRowStatementInBatches() {
        JdbcTemplate jdbc = connect("jdbc:h2:mem:table-upsert;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
        TABLE.load(jdbc, TRICKY, values -> values);

        inTransaction(() -> TABLE.upsert(jdbc, KEY, AGAIN, values -> values,
                "merge into loaded key (id) values (?, ?, ?, ?, ?, ?)"));

        assertThat(read(jdbc)).containsExactlyInAnyOrderElementsOf(afterAgain());
    }

    /** What {@link #AGAIN} leaves: the tricky rows, one changed, and two new ones, the second twice (last counts). */
    private static List<List<Object>> afterAgain() {
        List<List<Object>> rows = new ArrayList<>(TRICKY.stream().filter(row -> !"lines".equals(row[0]))
                .map(Arrays::asList).toList());
        rows.add(Arrays.asList(AGAIN.get(1)));
        rows.add(Arrays.asList(AGAIN.get(2)));
        rows.add(Arrays.asList(AGAIN.get(4)));
        return rows;
    }

    private static String version(JdbcTemplate jdbc, String id) {
        return jdbc.queryForObject("select xmin::text from loaded where id = ?", String.class, id);
    }

    private void inTransaction(Runnable work) {
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(tx -> work.run());
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
