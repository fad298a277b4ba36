package chat.lifecycle.query.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which missing global indexes of the event store are missing for good. An index is taken from the sequence
 * {@code domain_event_global_index} when a row is inserted, but the row is seen only when its transaction commits,
 * so transactions committing out of index order leave gaps below rows already seen, which fill later; a rolled-back
 * transaction leaves one that never fills. The feed serves past a gap only once it is settled (see
 * {@link EventFeed}).
 *
 * <p>On PostgreSQL exactly: {@code nextval} takes a {@code RowExclusiveLock} on the sequence before it hands out a
 * value, and the lock belongs to the transaction until it ends, released only after its commit is visible to new
 * snapshots. So {@link #settle()} reads the sequence's last value {@code L}, then the transactions holding that
 * lock, and waits until each of them has ended. Every index up to {@code L} was handed out before the first read,
 * to a transaction that held the lock then: either it ended before the lock list was read, or it was on the list
 * and has ended since. Either way it has committed (its rows are seen by any later read) or rolled back (its index
 * never fills). Transactions that take the lock later get indexes above {@code L} and are not waited for. This
 * needs the sequence's cache of 1 (PostgreSQL's default; with a larger one a session hands out values below
 * {@code last_value} later). A writer still open after {@code lifecycle.feed.writer-wait} (2 s) settles nothing:
 * the reader gets what is gap-free and asks again.
 *
 * <p>Elsewhere (the embedded H2) by time, as Axon's tracking tokens do: a gap is taken as permanent once the event
 * stored above it is older than {@code lifecycle.feed.gap-timeout} (10 s). A transaction that commits longer than
 * that after its neighbour's event was created would be missed.
 */
@Component
public class StoreHorizon {

    /** Whether every index below a stored event that is not stored yet never will be. */
    @FunctionalInterface
    public interface Settled {

        Settled NOTHING = (globalIndex, storedAt) -> false;

        boolean closedBelow(long globalIndex, Instant storedAt);
    }

    private static final String LAST_INDEX = """
            select case when is_called then last_value else last_value - 1 end from domain_event_global_index""";
    private static final String WRITERS = """
            select virtualtransaction from pg_locks
            where locktype = 'relation' and relation = 'domain_event_global_index'::regclass
              and mode = 'RowExclusiveLock' and pid is distinct from pg_backend_pid()""";

    private final JdbcTemplate jdbc;
    private final Duration gapTimeout;
    private final Duration writerWait;
    private final boolean postgres;

    public StoreHorizon(JdbcTemplate jdbc, @Value("${lifecycle.feed.gap-timeout:PT10S}") Duration gapTimeout,
                        @Value("${lifecycle.feed.writer-wait:PT2S}") Duration writerWait) {
        this.jdbc = jdbc;
        this.gapTimeout = gapTimeout;
        this.writerWait = writerWait;
        this.postgres = "PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName()));
    }

    /** What is settled now. Read the rows it judges after this returns. */
    public Settled settle() {
        if (!postgres) {
            Instant bound = Instant.now().minus(gapTimeout);
            return (globalIndex, storedAt) -> storedAt.isBefore(bound);
        }
        Long last = jdbc.queryForObject(LAST_INDEX, Long.class);
        List<String> writers = new ArrayList<>(jdbc.queryForList(WRITERS, String.class));
        long deadline = System.nanoTime() + writerWait.toNanos();
        while (!writers.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return Settled.NOTHING;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Settled.NOTHING;
            }
            writers.retainAll(jdbc.queryForList(WRITERS, String.class));
        }
        return (globalIndex, storedAt) -> globalIndex <= last;
    }
}
