package chat.lifecycle.query.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds read models from the event store: empties their tables, then feeds every stored event, in global order,
 * to their projections, in batches of one transaction each, until the store has nothing more. Several read models
 * are rebuilt in one pass so each sees the others as they were at that point of history.
 *
 * <p>Live traffic keeps being served meanwhile: the subscribing projections keep applying new events, and every
 * projection handler is idempotent, so an event seen both live and by the replay leaves the same row; reads show
 * partial read models until the replay is done. One replay runs at a time per node.
 */
@Component
public class ReadModelReplay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelReplay.class);
    private static final int BATCH = 500;
    /** Events between two vacuums of the rebuilt tables (see {@link TableUpkeep}). */
    private static final int VACUUM_EVERY = 50_000;

    private final Map<String, Rebuildable> projections = new TreeMap<>();
    private final EventStore store;
    private final TransactionTemplate transactions;
    private final TableUpkeep upkeep;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "read-model-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Replay> current = new AtomicReference<>();

    public ReadModelReplay(List<Rebuildable> projections, EventStore store, TransactionTemplate transactions,
                           DataSource dataSource) {
        projections.forEach(projection -> this.projections.put(projection.processingGroup(), projection));
        this.store = store;
        this.transactions = transactions;
        this.upkeep = new TableUpkeep(dataSource);
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
        List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
        names.forEach(name -> handlers.add(new AnnotationEventHandlerAdapter(projections.get(name),
                ClasspathParameterResolverFactory.forClass(projections.get(name).getClass()))));
        List<String> tables = names.stream().flatMap(name -> projections.get(name).tables().stream()).toList();
        long done = 0;
        try (BlockingStream<TrackedEventMessage<?>> events = store.openStream(null)) {
            transactions.executeWithoutResult(tx -> names.forEach(name -> projections.get(name).reset()));
            upkeep.vacuum(tables);
            log.info("replay of {} started", names);
            while (events.hasNextAvailable()) {
                List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
                while (batch.size() < BATCH && events.hasNextAvailable()) {
                    batch.add(events.nextAvailable());
                }
                transactions.executeWithoutResult(tx -> batch.forEach(event -> handlers.forEach(handler -> {
                    try {
                        if (handler.canHandle(event)) {
                            handler.handle(event);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException("replaying " + event.getIdentifier() + " failed", e);
                    }
                })));
                if (done / VACUUM_EVERY < (done + batch.size()) / VACUUM_EVERY) {
                    upkeep.vacuum(tables);
                }
                done += batch.size();
                current.set(progress(names, Replay.RUNNING, done, started, null));
            }
            current.set(progress(names, Replay.DONE, done, started, null));
            log.info("replay of {} done: {} events", names, done);
        } catch (Exception e) {
            log.error("replay of {} failed after {} events", names, done, e);
            current.set(progress(names, Replay.FAILED, done, started, e.getMessage()));
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
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

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
