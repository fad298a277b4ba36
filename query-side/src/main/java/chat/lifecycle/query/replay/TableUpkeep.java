package chat.lifecycle.query.replay;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vacuums and analyzes the tables a replay rewrites, on PostgreSQL. A rebuild deletes every row, then inserts and
 * updates them again, many times over for users who changed status often: dead rows pile up faster than
 * autovacuum (or nothing at all, where it is off) removes them, and until the tables are analyzed again the planner
 * still believes them empty. Either way every statement slows as the replay goes on.
 */
class TableUpkeep {

    private static final Logger log = LoggerFactory.getLogger(TableUpkeep.class);

    private final DataSource dataSource;

    TableUpkeep(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Outside any transaction, as VACUUM requires; a failure is logged and the replay goes on. */
    void vacuum(Collection<String> tables) {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            connection.setAutoCommit(true);
            for (String table : tables) {
                sql.execute("vacuum (analyze) " + table);
            }
        } catch (SQLException e) {
            log.warn("vacuuming {} failed; the replay goes on", tables, e);
        }
    }
}
