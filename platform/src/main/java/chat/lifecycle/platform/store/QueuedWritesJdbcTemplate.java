package chat.lifecycle.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.SqlProvider;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one {@link JdbcTemplate}, which can hold a write back: {@link #updateLater} queues it in the current
 * transaction (and {@link #queryLater} a read whose answer is wanted only later), and the queue goes to the database
 * as one prepared statement (one round trip) together with the next query this template runs in that transaction,
 * before any other statement, and at the latest at the commit. So a later statement, read or write, still sees every
 * write queued before it, in order, and the writes the projections make for one event travel in one round trip, with
 * the read that follows them. What is still queued at the end goes
 * with the commit itself where {@link QueuedWritesTransactionManager} commits: one round trip for both. Statements
 * that bypass the template (Axon's token and saga stores) do not send the queue first: they read none of the tables
 * whose writes are queued; Axon's event store, which queues its appends here, sends them before it reads
 * ({@link #sendQueueHolding}).
 *
 * <p>Only on PostgreSQL, whose driver answers each part's row count: elsewhere (H2, in process, with no round trip
 * to save) and outside a transaction a write runs at once.
 */
public class QueuedWritesJdbcTemplate extends JdbcTemplate {

    private static final Logger log = LoggerFactory.getLogger(QueuedWritesJdbcTemplate.class);
    /** Writes per statement at most: a queue this long goes at once (a streaming processor's batch can be long). */
    private static final int MAX_QUEUED = 32;

    private final boolean queues;
    /** Whether {@link #sendWithCommit} ends every transaction, so the queue need not go before the commit begins. */
    private volatile boolean sentWithCommit;

    public QueuedWritesJdbcTemplate(DataSource dataSource) {
        super(dataSource);
        this.queues = "PostgreSQL".equals(execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName()));
    }

    /** Runs the write in the current transaction, before its next statement or its commit; then {@code rows}. */
    public void updateLater(String sql, Object[] args, IntConsumer rows) {
        updateLater(queue(), sql, args, rows);
    }

    /** Queues the write in {@code queue}, or runs it at once where there is none (null). */
    private void updateLater(Queue queue, String sql, Object[] args, IntConsumer rows) {
        if (queue == null) {
            rows.accept(update(sql, args));
        } else {
            queue.add(new Part(sql, args, statement -> rows.accept(statement.getUpdateCount()), failure -> null));
        }
    }

    public void updateLater(String sql, Object... args) {
        updateLater(sql, args, rows -> { });
    }

    /**
     * As {@link #updateLater}, unless the transaction already ran or queued this write with these arguments: for a
     * write whose second run would change nothing, such as taking a lock held to the transaction's end.
     */
    public void updateOnceLater(String sql, Object... args) {
        Queue queue = queue();
        if (queue == null || queue.once.add(new Once(sql, Arrays.asList(args)))) {
            updateLater(queue, sql, args, rows -> { });
        }
    }

    /** Whether writes queue here now: on PostgreSQL, in a transaction. */
    public boolean queuesWrites() {
        return queues && TransactionSynchronizationManager.isActualTransactionActive();
    }

    /**
     * Queues the write in the current transaction, which must {@linkplain #queuesWrites queue writes}. Should the
     * statement that sends it fail, {@code ownFailure} is asked first what to throw: it answers null for a failure it
     * does not recognise as this write's.
     */
    public void updateLaterTranslating(String sql, Object[] args,
                                       Function<SQLException, RuntimeException> ownFailure) {
        Queue queue = queue();
        if (queue == null) {
            throw new IllegalStateException("Writes are not queued here: " + sql);
        }
        queue.add(new Part(sql, args, statement -> { }, ownFailure));
    }

    /**
     * Queues a read with the writes, in order, so it costs no round trip of its own: for what a transaction will
     * surely want to know a little later. The answer's {@code get()} sends the queue first if the read is still in
     * it; where nothing queues, the read runs at once.
     */
    public <T> Supplier<T> queryLater(String sql, ResultSetExtractor<T> extractor, Object... args) {
        Queue queue = queue();
        if (queue == null) {
            T answer = query(sql, extractor, args);
            return () -> answer;
        }
        Read<T> read = new Read<>(queue, extractor);
        queue.add(new Part(sql, args, read, failure -> null));
        return read;
    }

    /**
     * Sends the current transaction's queue if it holds a write of {@code sql}: for a reader that bypasses the
     * template but must see that write.
     */
    public void sendQueueHolding(String sql, Connection connection) {
        Queue queue = queues ? existingQueue() : null;
        if (queue != null && queue.parts.stream().anyMatch(part -> part.sql().equals(sql))) {
            queue.send(connection);
        }
    }

    /**
     * A query with plain arguments takes the queue along: one statement of the queued writes and then the query, one
     * round trip where sending the queue first would take two. Other statements send the queue before they run
     * ({@link #applyStatementSettings}).
     */
    @Override
    public <T> T query(PreparedStatementCreator creator, PreparedStatementSetter setter,
                       ResultSetExtractor<T> extractor) {
        Queue queue = queues ? existingQueue() : null;
        if (queue == null || queue.parts.isEmpty() || !(creator instanceof SqlProvider query)
                || !(setter instanceof Arguments arguments)) {
            return super.query(creator, setter, extractor);
        }
        Batch batch = queue.take();
        String sql = batch.sql() + ";\n" + query.getSql();
        return execute((PreparedStatementCreator) connection -> connection.prepareStatement(sql), statement -> {
            batch.withArguments(arguments.values()).setValues(statement);
            batch.execute(statement);
            batch.takeResults(statement);
            try (ResultSet rows = statement.getResultSet()) {
                return extractor.extractData(rows);
            }
        });
    }

    /** Arguments the query above can place after the queued writes' own. */
    @Override
    protected PreparedStatementSetter newArgPreparedStatementSetter(Object[] args) {
        return new Arguments(args);
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

    /**
     * Sends what the current transaction still holds queued with a {@code commit} after it, as one statement: the
     * transaction ends there, and the driver's own commit that follows finds nothing left to do. A write that fails
     * skips the commit and fails the statement, so the transaction rolls back as at any failed commit.
     */
    void sendWithCommit(Connection connection) {
        Queue queue = queues ? existingQueue() : null;
        if (queue != null) {
            queue.send(connection, ";\ncommit");
        }
    }

    /** From now on the transaction manager sends the queue with each commit ({@link #sendWithCommit}). */
    void sendQueuesWithCommits() {
        sentWithCommit = true;
    }

    /** The current transaction's queue, made on first use; null where writes run at once. */
    private Queue queue() {
        if (!queuesWrites()) {
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

    /** A write queued once per transaction ({@link #updateOnceLater}). */
    private record Once(String sql, List<Object> args) {
    }

    /** A queued part: a write, or a read ({@link #queryLater}); {@code result} takes what it answered. */
    private record Part(String sql, Object[] args, StatementResult result,
                         Function<SQLException, RuntimeException> failure) {
    }

    /** Takes a part's result from the statement, which stands at that part's result. */
    @FunctionalInterface
    private interface StatementResult {

        void take(Statement statement) throws SQLException;
    }

    /** A queued read's answer, taken when its queue is sent. */
    private static final class Read<T> implements StatementResult, Supplier<T> {

        private final Queue queue;
        private final ResultSetExtractor<T> extractor;
        private boolean answered;
        private T answer;

        Read(Queue queue, ResultSetExtractor<T> extractor) {
            this.queue = queue;
            this.extractor = extractor;
        }

        @Override
        public void take(Statement statement) throws SQLException {
            try (ResultSet rows = statement.getResultSet()) {
                answer = extractor.extractData(rows);
            }
            answered = true;
        }

        @Override
        public T get() {
            if (!answered) {
                queue.sendNow();
            }
            if (!answered) {
                throw new IllegalStateException("the read was not sent");
            }
            return answer;
        }
    }

    private final class Queue implements TransactionSynchronization {

        private final QueuedWritesJdbcTemplate owner = QueuedWritesJdbcTemplate.this;
        private final List<Part> parts = new ArrayList<>();
        private final Set<Once> once = new HashSet<>();

        void add(Part part) {
            parts.add(part);
            if (parts.size() >= MAX_QUEUED) {
                sendNow();
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!sentWithCommit) {
                sendNow();
            }
        }

        /** A write queued after the commit began would be lost: a defect, which this makes loud. */
        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED && !parts.isEmpty()) {
                log.error("{} writes queued after their transaction's commit began were not sent: {}", parts.size(),
                        parts.get(0).sql());
            }
        }

        void sendNow() {
            if (!parts.isEmpty()) {
                execute((ConnectionCallback<Void>) connection -> {
                    send(connection);
                    return null;
                });
            }
        }

        /** The queued writes, taken off the queue to be sent. */
        Batch take() {
            Batch batch = new Batch(List.copyOf(parts));
            parts.clear();
            return batch;
        }

        /** The queued writes as one statement of as many parts. */
        void send(Connection connection) {
            send(connection, "");
        }

        /** The queued writes as one statement of as many parts, and {@code more} (parts without arguments) after. */
        void send(Connection connection, String more) {
            if (parts.isEmpty()) {
                return;
            }
            Batch batch = take();
            try (PreparedStatement statement = connection.prepareStatement(batch.sql() + more)) {
                batch.withArguments(new Object[0]).setValues(statement);
                batch.execute(statement);
                batch.takeResults(statement);
            } catch (SQLException e) {
                throw translateException("queued writes", batch.sql(), e);
            }
        }
    }

    /** Parts sent together: their statements joined, their arguments in order, each part's result to its own taker. */
    private record Batch(List<Part> parts) {

        String sql() {
            return parts.stream().map(Part::sql).collect(Collectors.joining(";\n"));
        }

        /** The writes' arguments, then {@code more} for a part that follows them. */
        PreparedStatementSetter withArguments(Object[] more) {
            List<Object> args = new ArrayList<>();
            parts.forEach(part -> args.addAll(Arrays.asList(part.args())));
            args.addAll(Arrays.asList(more));
            return new ArgumentPreparedStatementSetter(args.toArray());
        }

        /** Runs the statement; a failure one of the writes recognises as its own is thrown as that write says. */
        void execute(PreparedStatement statement) throws SQLException {
            try {
                statement.execute();
            } catch (SQLException e) {
                for (Part part : parts) {
                    RuntimeException own = part.failure().apply(e);
                    if (own != null) {
                        throw own;
                    }
                }
                throw e;
            }
        }

        /** Each part's result to its writer or reader, leaving the statement at the result after the last part's. */
        void takeResults(Statement statement) throws SQLException {
            for (Part part : parts) {
                part.result().take(statement);
                statement.getMoreResults();
            }
        }
    }

    /** A query's plain arguments, as JdbcTemplate sets them, kept readable. */
    private static final class Arguments extends ArgumentPreparedStatementSetter {

        private final Object[] values;

        Arguments(Object[] values) {
            super(values);
            this.values = values == null ? new Object[0] : values;
        }

        Object[] values() {
            return values;
        }
    }
}
