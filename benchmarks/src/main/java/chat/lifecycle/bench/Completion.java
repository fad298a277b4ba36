package chat.lifecycle.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * End-to-end completion of deactivations: from the 200 until the user's login tokens, OAuth tokens and codes are
 * deleted and the heir owns the room in the read model. One thread watches every pending deactivation with a single
 * query per round. The query's cost grows with the number pending, and rounds too close together would take enough
 * of PostgreSQL's time under a backlog to slow what they measure. So rounds are at least 5 ms apart, and at least ten
 * times the last query's duration, which keeps the watcher under a tenth of one core; the figures carry that
 * resolution, coarser under a backlog (measured in docs/performance.md).
 */
final class Completion implements CompletionSignal, AutoCloseable {

    private static final String DONE = "select p.id from unnest(?::varchar[], ?::varchar[], ?::varchar[]) "
            + "as p(id, room, heir) "
            + "where not exists (select 1 from login_token t where t.user_id = p.id) "
            + "and not exists (select 1 from oauth_token t where t.user_id = p.id) "
            + "and not exists (select 1 from oauth_code c where c.user_id = p.id) "
            + "and exists (select 1 from room_subscription s where s.room_id = p.room and s.user_id = p.heir "
            + "and s.owner)";

    private static final long ROUND_MILLIS = 5;
    /** Pause after a round, as a multiple of the round's own query time. */
    private static final int PAUSE_PER_QUERY_TIME = 10;

    private record Pending(Subject subject, long acceptedAt) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Latencies completed = new Latencies();
    private final Connection connection;
    private final Thread watcher;
    private volatile boolean running = true;

    Completion(String jdbcUrl, String user, String password) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, password);
        watcher = new Thread(this::watch, "completion-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Override
    public void accepted(Subject subject, long acceptedAt) {
        pending.put(subject.userId(), new Pending(subject, acceptedAt));
    }

    /** Waits until every accepted deactivation completed or the timeout passed; answers the durations. */
    Latencies drain(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return completed;
    }

    @Override
    public boolean done(String userId) {
        return done.contains(userId);
    }

    int incomplete() {
        return pending.size();
    }

    private void watch() {
        try (PreparedStatement query = connection.prepareStatement(DONE)) {
            while (running) {
                if (pending.isEmpty()) {
                    Thread.sleep(ROUND_MILLIS);
                    continue;
                }
                List<Pending> round = new ArrayList<>(pending.values());
                query.setArray(1, array(round.stream().map(p -> p.subject().userId()).toList()));
                query.setArray(2, array(round.stream().map(p -> p.subject().roomId()).toList()));
                query.setArray(3, array(round.stream().map(p -> p.subject().heirId()).toList()));
                long seenAt = System.nanoTime();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Pending finished = pending.remove(rows.getString(1));
                        if (finished != null) {
                            completed.add(seenAt - finished.acceptedAt());
                            done.add(finished.subject().userId());
                        }
                    }
                }
                long queryNanos = System.nanoTime() - seenAt;
                Thread.sleep(Math.max(ROUND_MILLIS, PAUSE_PER_QUERY_TIME * queryNanos / 1_000_000));
            }
        } catch (SQLException e) {
            System.err.println("completion watcher stopped: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Array array(List<String> values) throws SQLException {
        return connection.createArrayOf("varchar", values.toArray());
    }

    @Override
    public void close() throws Exception {
        running = false;
        watcher.join(2000);
        connection.close();
    }
}
