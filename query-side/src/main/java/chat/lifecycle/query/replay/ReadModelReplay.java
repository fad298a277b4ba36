package chat.lifecycle.query.replay;

import chat.lifecycle.platform.web.Causes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds read models from the event store, in three steps:
 * <ol>
 *   <li>every stored event, in global order, is applied in memory to each read model's {@link Rebuild}, until the
 *       store has nothing more; only the status history writes its rows meanwhile, in bulk, on a thread of their
 *       own while the next events are read and applied (one batch written at a time, so memory stays bounded);</li>
 *   <li>the rebuilt rows replace the read models' tables, in one transaction;</li>
 *   <li>events stored since then go through the projections' own handlers, as the live processors apply them.</li>
 * </ol>
 *
 * <p>Live traffic keeps being served meanwhile, from the old tables until the rebuilt ones replace them. Every
 * projection handler is idempotent, so an event applied both live and by the last step leaves the same row. One
 * replay runs at a time per node; memory grows with the read models' final size (users, rooms, memberships), not
 * with the number of events.
 */
@Component
public class ReadModelReplay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelReplay.class);
    private static final int BATCH = 500;
    /** Tries of a catch-up batch that raced a live processor: each race needs the live side to insert first. */
    private static final int RACE_ATTEMPTS = 5;

    private final Map<String, Rebuildable> projections = new TreeMap<>();
    private final EventStore store;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final TableUpkeep upkeep;
    private final int writeEvery;
    private final ExecutorService runner = daemon("read-model-replay");
    private final ExecutorService writer = daemon("read-model-replay-writes");
    private final AtomicReference<Replay> current = new AtomicReference<>();

    /**
     * {@code lifecycle.replay.write-every} (10,000) is the number of events between two writes of what a rebuild need
     * not keep (status-history rows).
     */
    public ReadModelReplay(List<Rebuildable> projections, EventStore store, TransactionTemplate transactions,
                           JdbcTemplate jdbc, @Value("${lifecycle.replay.write-every:10000}") int writeEvery) {
        projections.forEach(projection -> this.projections.put(projection.processingGroup(), projection));
        this.store = store;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.upkeep = new TableUpkeep(jdbc.getDataSource());
        this.writeEvery = writeEvery;
    }

    public Set<String> processors() {
        return projections.keySet();
    }

    /** Starts a rebuild of the named read models (all if empty); refused while another one runs. */
    public synchronized Replay start(List<String> names) {
        Replay running = current.get();
        if (running != null && Replay.RUNNING.equals(running.state())) {
            throw new IllegalStateException("a replay is already running");
        }
        List<String> chosen = names.isEmpty() ? List.copyOf(projections.keySet()) : List.copyOf(names);
        for (String name : chosen) {
            if (!projections.containsKey(name)) {
                throw new IllegalArgumentException("unknown processor " + name);
            }
        }
        Instant started = Instant.now();
        current.set(new Replay(chosen, Replay.RUNNING, 0, head(), 0, null, started, null, null));
        runner.execute(() -> run(chosen, started));
        return current.get();
    }

    /** The latest replay's progress, or null if none ran. */
    public Replay progress() {
        return current.get();
    }

    private void run(List<String> names, Instant started) {
        List<Rebuild> rebuilds = names.stream().map(name -> projections.get(name).rebuild()).toList();
        List<AnnotationEventHandlerAdapter> folds = rebuilds.stream().map(Rebuild::rules)
                .map(ReadModelReplay::handlers).toList();
        List<AnnotationEventHandlerAdapter> live = names.stream().map(projections::get)
                .map(ReadModelReplay::handlers).toList();
        List<String> tables = names.stream().flatMap(name -> projections.get(name).tables().stream()).toList();
        long done = 0;
        Future<?> writing = CompletableFuture.completedFuture(null);
        try (BlockingStream<TrackedEventMessage<?>> events = store.openStream(null)) {
            log.info("replay of {} started", names);
            while (events.hasNextAvailable()) {
                List<TrackedEventMessage<?>> batch = next(events);
                batch.forEach(event -> apply(folds, event));
                if (crossed(done, batch.size(), writeEvery)) {
                    List<Consumer<JdbcTemplate>> writes = rebuilds.stream().map(Rebuild::drain).toList();
                    writing.get();
                    writing = writer.submit(() ->
                            transactions.executeWithoutResult(tx -> writes.forEach(write -> write.accept(jdbc))));
                }
                done += batch.size();
                current.set(progress(names, Replay.RUNNING, done, started, null));
            }
            writing.get();
            long streamed = System.nanoTime();
            transactions.executeWithoutResult(tx -> rebuilds.forEach(rebuild -> rebuild.replace(jdbc)));
            long replaced = System.nanoTime();
            upkeep.vacuum(tables);
            log.info("replay of {}: {} events rebuilt in memory and written ({} s; tables replaced in {} ms, vacuumed "
                    + "in {} ms); catching up", names, done, Duration.between(started, Instant.now()).toSeconds(),
                    (replaced - streamed) / 1_000_000, (System.nanoTime() - replaced) / 1_000_000);
            // Events stored since the rebuild's last one may have reached the live tables before the rebuilt rows
            // replaced them: the projections' own (idempotent) handlers apply them again.
            while (events.hasNextAvailable()) {
                List<TrackedEventMessage<?>> batch = next(events);
                catchUp(live, batch);
                done += batch.size();
                current.set(progress(names, Replay.RUNNING, done, started, null));
            }
            current.set(progress(names, Replay.DONE, done, started, null));
            log.info("replay of {} done: {} events", names, done);
        } catch (Exception e) {
            Throwable failure = e instanceof ExecutionException ? e.getCause() : e;
            log.error("replay of {} failed after {} events", names, done, failure);
            current.set(progress(names, Replay.FAILED, done, started, failure.getMessage()));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Applies a batch through the projections' own handlers in one transaction. A live processor may insert one of
     * the batch's rows between the handler's look and its insert (both saw no row): the batch then runs again, and
     * finds the row the live processor committed.
     */
    void catchUp(List<AnnotationEventHandlerAdapter> live, List<TrackedEventMessage<?>> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(tx -> batch.forEach(event -> apply(live, event)));
                return;
            } catch (RuntimeException e) {
                if (attempt == RACE_ATTEMPTS || Causes.first(e, DuplicateKeyException.class::isInstance).isEmpty()) {
                    throw e;
                }
                log.info("replay catch-up raced a live processor on a row; running its batch again");
            }
        }
    }

    private static AnnotationEventHandlerAdapter handlers(Object target) {
        return new AnnotationEventHandlerAdapter(target, ClasspathParameterResolverFactory.forClass(target.getClass()));
    }

    private static List<TrackedEventMessage<?>> next(BlockingStream<TrackedEventMessage<?>> events)
            throws InterruptedException {
        List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
        while (batch.size() < BATCH && events.hasNextAvailable()) {
            batch.add(events.nextAvailable());
        }
        return batch;
    }

    private static void apply(List<AnnotationEventHandlerAdapter> handlers, TrackedEventMessage<?> event) {
        for (AnnotationEventHandlerAdapter handler : handlers) {
            try {
                if (handler.canHandle(event)) {
                    handler.handle(event);
                }
            } catch (Exception e) {
                throw new IllegalStateException("replaying " + event.getIdentifier() + " failed", e);
            }
        }
    }

    /** Whether a batch of {@code size} events after {@code done} passes a multiple of {@code every}. */
    private static boolean crossed(long done, int size, int every) {
        return done / every < (done + size) / every;
    }

    private Replay progress(List<String> names, String state, long done, Instant started, String error) {
        double seconds = Math.max(Duration.between(started, Instant.now()).toMillis(), 1) / 1000.0;
        double rate = done / seconds;
        long total = Math.max(head(), done);
        Duration left = rate > 0 ? Duration.ofMillis((long) ((total - done) / rate * 1000)) : null;
        boolean finished = !Replay.RUNNING.equals(state);
        return new Replay(names, state, done, total, Math.round(rate * 10) / 10.0, finished ? Duration.ZERO : left,
                started, finished ? Instant.now() : null, error);
    }

    /** The store's head position, the number of events a full replay reads (gaps aside). */
    private long head() {
        TrackingToken head = store.createHeadToken();
        return head == null ? 0 : head.position().orElse(0) + 1;
    }

    private static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
        writer.shutdownNow();
    }
}
