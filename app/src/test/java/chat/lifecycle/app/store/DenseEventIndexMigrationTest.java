package chat.lifecycle.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A store written by the JPA-era schema (global indexes and association ids handed out by Hibernate, in blocks of
 * 50) keeps every row through the migration to the JDBC stores, and what is appended after it lands above
 * everything stored, one index after another.
 */
class DenseEventIndexMigrationTest {

    private final TestDatabase database = TestDatabase.get().sibling();

    @Test
    void rowsFromBeforeTheMigrationStayAndNewOnesFollowThemDensely() throws SQLException {
        migrate("2026.11.27.11");
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute(event(1, "user-a", 0) + ";" + event(51, "user-a", 1) + ";" + event(101, "user-b", 0));
            sql.execute("insert into association_value_entry (id, association_key, association_value, saga_id, "
                    + "saga_type) values (1, 'userId', 'user-a', 'saga-1', 'S'), (51, 'userId', 'user-b', 'saga-2', "
                    + "'S')");
        }

        migrate(null);

        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("insert into domain_event_entry (aggregate_identifier, sequence_number, type, "
                    + "event_identifier, payload_type, payload, time_stamp) values ('user-b', 1, 'User', 'e-new-1', "
                    + "'T', 'x', '2026-11-28T00:00:00Z'), ('user-c', 0, 'User', 'e-new-2', 'T', 'x', "
                    + "'2026-11-28T00:00:00Z')");
            sql.execute("insert into association_value_entry (association_key, association_value, saga_id, saga_type) "
                    + "values ('userId', 'user-c', 'saga-3', 'S')");
            assertThat(longs(sql, "select global_index from domain_event_entry order by global_index"))
                    .containsExactly(1L, 51L, 101L, 102L, 103L);
            assertThat(longs(sql, "select id from association_value_entry order by id")).containsExactly(1L, 51L, 52L);
        }
    }

    private void migrate(String target) {
        var configuration = Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration/common");
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    private static String event(long globalIndex, String aggregate, long sequence) {
        return "insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type, "
                + "event_identifier, payload_type, payload, time_stamp) values (" + globalIndex + ", '" + aggregate
                + "', " + sequence + ", 'User', 'e-" + globalIndex + "', 'T', 'x', '2026-11-27T00:00:00Z')";
    }

    private static List<Long> longs(Statement sql, String query) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (var rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
        }
        return values;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }
}
