package chat.lifecycle.command.deactivation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import chat.lifecycle.command.ops.ProcessorLag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

/**
 * Deactivations that find the cleanup far behind wait in line: only the first watches the backlog, and they are
 * admitted in the order they came. The backlog is played by a stand-in for the saga processor's lag.
 */
class CleanupBacklogLineTest {

    private final AtomicBoolean caughtUp = new AtomicBoolean();
    private final AtomicInteger lagReads = new AtomicInteger();
    private final List<String> admitted = Collections.synchronizedList(new ArrayList<>());
    private final CleanupBacklog backlog = new CleanupBacklog(axonWithSagaProcessor(), lag(), new SimpleMeterRegistry(),
            100, Duration.ofSeconds(30));

    @Test
    void onlyTheFirstInLineWatchesTheBacklog() throws Exception {
        long began = System.nanoTime();
        List<Thread> line = arriveOneByOne(8);
        Thread.sleep(300);
        long waitedMillis = (System.nanoTime() - began) / 1_000_000;
        int reads = lagReads.get();
        caughtUp.set(true);
        joinAll(line);

        // one reader every 5 ms at most, plus the first arrival's look; eight readers would make about six times as
        // many over these arrivals
        assertThat(reads).isLessThanOrEqualTo((int) (waitedMillis / 5) + 2);
    }

    @Test
    void theyAreAdmittedInTheOrderTheyCame() throws Exception {
        List<Thread> line = arriveOneByOne(5);
        caughtUp.set(true);
        joinAll(line);

        assertThat(admitted).containsExactly("deactivation-0", "deactivation-1", "deactivation-2",
                "deactivation-3", "deactivation-4");
    }

    /** Deactivations arriving 50 ms apart, each well in line before the next comes. */
    private List<Thread> arriveOneByOne(int count) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(backlog::awaitRoom, "deactivation-" + i);
            thread.start();
            threads.add(thread);
            Thread.sleep(50);
        }
        return threads;
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(10_000);
            assertThat(thread.isAlive()).as(thread.getName() + " admitted").isFalse();
        }
    }

    private ProcessorLag lag() {
        ProcessorLag lag = mock(ProcessorLag.class);
        when(lag.of(any(), any())).thenAnswer(call -> {
            lagReads.incrementAndGet();
            if (!caughtUp.get()) {
                return OptionalLong.of(500);
            }
            admitted.add(Thread.currentThread().getName());
            return OptionalLong.of(0);
        });
        return lag;
    }

    private static Configuration axonWithSagaProcessor() {
        StreamingEventProcessor sagas = mock(StreamingEventProcessor.class);
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessor(eq("DeactivationSagaProcessor"), eq(StreamingEventProcessor.class)))
                .thenReturn(Optional.of(sagas));
        Configuration axon = mock(Configuration.class);
        when(axon.eventProcessingConfiguration()).thenReturn(processing);
        return axon;
    }
}
