package chat.lifecycle.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.TestDatabase;
import chat.lifecycle.command.deactivation.SagaSegmentsFold;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A saga processor's segments are folded into one at start-up only when every segment is at the same position and
 * none is claimed; otherwise they stay, so no saga misses an event or sees one twice.
 */
class SagaSegmentsFoldTest {

    private static final String AT_42 = "{\"index\":42,\"gaps\":[]}";

    private final TestDatabase database = TestDatabase.get().sibling();

    @BeforeEach
    void migrate() {
        start(1);
    }

    @Test
    void releasedSegmentsAtOnePositionBecomeOne() throws SQLException {
        segments(AT_42, AT_42, AT_42, AT_42);

        start(1);

        assertThat(rows()).containsExactly("0 " + AT_42 + " null");
    }

    @Test
    void fourReleasedSegmentsAtOnePositionBecomeTwo() throws SQLException {
        segments(AT_42, AT_42, AT_42, AT_42);

        start(2);

        assertThat(rows()).containsExactly("0 " + AT_42 + " null", "1 " + AT_42 + " null");
    }

    @Test
    void segmentsAtDifferentPositionsStay() throws SQLException {
        segments(AT_42, AT_42, "{\"index\":41,\"gaps\":[]}", AT_42);

        start(1);

        assertThat(rows()).hasSize(4);
    }

    @Test
    void segmentsStayWhileANodeHoldsOne() throws SQLException {
        segments(AT_42, AT_42, AT_42, AT_42);
        execute("update token_entry set owner = 'node-b' where segment = 3");

        start(1);

        assertThat(rows()).hasSize(4);
    }

    /** Flyway as the application runs it at start-up: migrations, then the fold to {@code segments}. */
    private void start(int segments) {
        Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration/common")
                .callbacks(new SagaSegmentsFold(segments))
                .load()
                .migrate();
    }

    private void segments(String... tokens) throws SQLException {
        for (int segment = 0; segment < tokens.length; segment++) {
            try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("""
                    insert into token_entry (processor_name, segment, token, token_type, "timestamp", owner)
                    values (?, ?, ?, 'org.axonframework.eventhandling.GapAwareTrackingToken',
                            '2026-11-27T00:00:00Z', null)""")) {
                insert.setString(1, SagaSegmentsFold.PROCESSOR);
                insert.setInt(2, segment);
                insert.setBytes(3, tokens[segment].getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "select segment, convert_from(token, 'UTF8'), owner from token_entry where processor_name = ? "
                        + "order by segment")) {
            select.setString(1, SagaSegmentsFold.PROCESSOR);
            try (var result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getInt(1) + " " + result.getString(2) + " " + result.getString(3));
                }
            }
        }
        return rows;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), database.user(), database.password());
    }
}
