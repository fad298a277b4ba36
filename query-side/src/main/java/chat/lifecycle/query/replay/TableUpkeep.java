package chat.lifecycle.query.replay;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vacuums and analyzes the tables a replay rewrote, on PostgreSQL, once they are replaced: the replaced rows are
 * dead (autovacuum, where it runs at all, comes later), and until the tables are analyzed the planner still sees
 * them as they were. While the events are read nothing needs it: the only rows written then are the status
 * history's, and its bulk upsert leaves a row written as it was untouched and needs no plan but its key's index.
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
