package chat.lifecycle.query;

import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * An empty in-memory database in PostgreSQL mode, built by the query side's own migrations. It lives as long as
 * its one connection, so every instance starts from nothing and closing it throws everything away.
 */
public final class ReadModelDatabase implements AutoCloseable {

    private static final String URL =
            "jdbc:h2:mem:rooms;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final SingleConnectionDataSource dataSource = new SingleConnectionDataSource(URL, "sa", "", true);

    public ReadModelDatabase() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common").load().migrate();
    }

    /** Writes run at once on H2, queued ones too. */
    public QueuedWritesJdbcTemplate jdbc() {
        return new QueuedWritesJdbcTemplate(dataSource);
    }

    @Override
    public void close() {
        dataSource.destroy();
    }
}
