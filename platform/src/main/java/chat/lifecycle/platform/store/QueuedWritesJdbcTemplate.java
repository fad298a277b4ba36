package chat.lifecycle.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one {@link JdbcTemplate}, which can hold a write back: {@link #updateLater} queues it in the current
 * transaction, and the queue goes to the database as one prepared statement (one round trip) before any other
 * statement this template runs in that transaction, and before the commit. So a later statement, read or write,
 * still sees every write queued before it, in order, and the writes the projections make for one event travel in one
 * round trip unless a statement of their transaction comes between them. Statements that bypass the template (Axon's
 * event, token and saga stores) do not send the queue first: they read none of the tables whose writes are queued.
 *
 * <p>Only on PostgreSQL, whose driver answers each part's row count: elsewhere (H2, in process, with no round trip
 * to save) and outside a transaction a write runs at once.
 */
public class QueuedWritesJdbcTemplate extends JdbcTemplate {

    private static final Logger log = LoggerFactory.getLogger(QueuedWritesJdbcTemplate.class);
    /** Writes per statement at most: a queue this long goes at once (a streaming processor's batch can be long). */
    private static final int MAX_QUEUED = 32;

    private final boolean queues;

    public QueuedWritesJdbcTemplate(DataSource dataSource) {
        super(dataSource);
        this.queues = "PostgreSQL".equals(execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName()));
    }

    /** Runs the write in the current transaction, before its next statement or its commit; then {@code rows}. */
    public void updateLater(String sql, Object[] args, IntConsumer rows) {
        Queue queue = queue();
        if (queue == null) {
            rows.accept(update(sql, args));
            return;
        }
        queue.writes.add(new Write(sql, args, rows));
        if (queue.writes.size() >= MAX_QUEUED) {
            queue.sendNow();
        }
    }

    public void updateLater(String sql, Object... args) {
        updateLater(sql, args, rows -> { });
    }

    /** Every statement the template prepares first sends what its transaction queued. */
    @Override
    protected void applyStatementSettings(Statement statement) throws SQLException {
        Queue queue = queues ? existingQueue() : null;
        if (queue != null) {
            queue.send(statement.getConnection());
        }
        super.applyStatementSettings(statement);
    }

    /** The current transaction's queue, made on first use; null where writes run at once. */
    private Queue queue() {
        if (!queues || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Queue queue = existingQueue();
        if (queue == null) {
            queue = new Queue();
            TransactionSynchronizationManager.registerSynchronization(queue);
        }
        return queue;
    }

    /**
     * Found among the transaction's synchronizations, which a transaction started inside it (REQUIRES_NEW) sets
     * aside, unlike resources bound by key.
     */
    private Queue existingQueue() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Queue queue && queue.owner == this) {
                return queue;
            }
        }
        return null;
    }

    private record Write(String sql, Object[] args, IntConsumer rows) {
    }

    private final class Queue implements TransactionSynchronization {

        private final QueuedWritesJdbcTemplate owner = QueuedWritesJdbcTemplate.this;
        private final List<Write> writes = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            sendNow();
        }

        /** A write queued after the commit began would be lost: a defect, which this makes loud. */
        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED && !writes.isEmpty()) {
                log.error("{} writes queued after their transaction's commit began were not sent: {}", writes.size(),
                        writes.get(0).sql());
            }
        }

        void sendNow() {
            if (!writes.isEmpty()) {
                execute((ConnectionCallback<Void>) connection -> {
                    send(connection);
                    return null;
                });
            }
        }

        /** The queued writes as one statement of as many parts, then each part's row count to its write. */
        void send(Connection connection) {
            if (writes.isEmpty()) {
                return;
            }
            List<Write> sending = List.copyOf(writes);
            writes.clear();
            StringBuilder sql = new StringBuilder();
            List<Object> args = new ArrayList<>();
            for (Write write : sending) {
                sql.append(sql.isEmpty() ? "" : ";\n").append(write.sql());
                args.addAll(Arrays.asList(write.args()));
            }
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                new ArgumentPreparedStatementSetter(args.toArray()).setValues(statement);
                statement.execute();
                for (Write write : sending) {
                    write.rows().accept(statement.getUpdateCount());
                    statement.getMoreResults();
                }
            } catch (SQLException e) {
                throw translateException("queued writes", sql.toString(), e);
            }
        }
    }
}
