package chat.lifecycle.platform.store;

import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's JDBC transaction manager, committing together with the writes still queued in the transaction
 * ({@link QueuedWritesJdbcTemplate#sendWithCommit}): one round trip at the end of a command where sending the queue
 * and then committing would take two. The commit comes last, after every synchronization's {@code beforeCommit} and
 * {@code beforeCompletion}, so nothing runs in the transaction after it; Spring's own commit then finds the
 * connection's transaction ended and sends nothing.
 */
public class QueuedWritesTransactionManager extends JdbcTransactionManager {

    private final QueuedWritesJdbcTemplate jdbc;

    public QueuedWritesTransactionManager(DataSource dataSource, QueuedWritesJdbcTemplate jdbc) {
        super(dataSource);
        this.jdbc = jdbc;
        jdbc.sendQueuesWithCommits();
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(obtainDataSource());
        Connection connection = holder.getConnection();
        jdbc.sendWithCommit(connection);
        super.doCommit(status);
    }
}
