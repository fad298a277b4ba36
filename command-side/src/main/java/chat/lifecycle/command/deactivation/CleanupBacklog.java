package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.ops.ProcessorLag;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Admission of deactivations: a deactivation is sent only while the saga processor on this node is at most
 * {@code lifecycle.deactivation.max-backlog} events behind the store, else it waits for it, at most
 * {@code lifecycle.deactivation.max-wait}. Without it, requests that answer faster than the sagas clean up leave a
 * backlog that grows for as long as the load lasts, and every credential stays in the tables (void, but present)
 * for longer and longer. With it, a deactivation answers when its cleanup can start soon, and the time from the
 * answer to the cleanup stays short under any load. After the longest wait it goes ahead anyway (and logs it), so a
 * stopped processor slows deactivations down but does not refuse them. Waiting deactivations are admitted in the
 * order they came. A node that holds no segment of the processor admits at once.
 *
 * <p>The default, 50 events, is a shorter queue before the saga than 100 was: at 32 clients (benchmarks/run's load,
 * 3,000 subjects, a fast machine) completion p99 177 to 221 ms in four runs against 162 to 306 ms in five, for
 * about an eighth fewer deactivations per second under a storm.
 */
@Component
public class CleanupBacklog {

    /** Axon names a saga's processor after the saga type; derived, so a rename cannot leave the gate open. */
    private static final String SAGA_PROCESSOR = DeactivationSaga.class.getSimpleName() + "Processor";
    private static final Duration HEAD_AGE = Duration.ofMillis(5);
    private static final long PAUSE_MILLIS = 5;
    private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private static final Logger log = LoggerFactory.getLogger(CleanupBacklog.class);

    private final Configuration axon;
    private final ProcessorLag lag;
    private final long maxBacklog;
    private final Duration maxWait;
    private final Timer waits;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    /** Deactivations waiting for room, first come first admitted. */
    private final ReentrantLock line = new ReentrantLock(true);

    public CleanupBacklog(Configuration axon, ProcessorLag lag, MeterRegistry registry,
                          @Value("${lifecycle.deactivation.max-backlog:50}") long maxBacklog,
                          @Value("${lifecycle.deactivation.max-wait:PT5S}") Duration maxWait) {
        this.axon = axon;
        this.lag = lag;
        this.maxBacklog = maxBacklog;
        this.maxWait = maxWait;
        this.waits = Timer.builder("lifecycle.deactivation.admission")
                .description("Time a deactivation waited for the cleanup backlog to shrink before it was sent")
                .register(registry);
    }

    /** Returns once the backlog is short enough, or after the longest wait. */
    public void awaitRoom() {
        StreamingEventProcessor sagas = axon.eventProcessingConfiguration()
                .eventProcessor(SAGA_PROCESSOR, StreamingEventProcessor.class).orElse(null);
        if (sagas == null) {
            return;
        }
        long began = System.nanoTime();
        if (line.isLocked() || farBehind(sagas)) {
            waitInLine(sagas, began + maxWait.toNanos());
        }
        waits.record(Duration.ofNanos(System.nanoTime() - began));
    }

    private boolean farBehind(StreamingEventProcessor sagas) {
        OptionalLong behind = lag.of(sagas, HEAD_AGE);
        return behind.isPresent() && behind.getAsLong() > maxBacklog;
    }

    /**
     * The first in line watches the backlog; the others sleep until their turn, and are admitted in the order they
     * came. Each waiting request thread polling on its own woke every thread every few milliseconds, and admitted
     * whichever looked first, so some waited many rounds.
     */
    private void waitInLine(StreamingEventProcessor sagas, long deadline) {
        try {
            if (!line.tryLock(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                warnRarely();
                return;
            }
            try {
                while (farBehind(sagas)) {
                    if (System.nanoTime() > deadline) {
                        warnRarely();
                        return;
                    }
                    Thread.sleep(PAUSE_MILLIS);
                }
            } finally {
                line.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void warnRarely() {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last > WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("the deactivation saga is still over {} events behind after {} ms: deactivating anyway",
                    maxBacklog, maxWait.toMillis());
        }
    }
}
