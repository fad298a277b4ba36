package chat.lifecycle.platform.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The application's own gauges, beside Axon's: {@code lifecycle.processor.lag} per streaming processor (events in
 * the store that its slowest segment on this node has not reached yet) and {@code lifecycle.sagas.active} (saga
 * instances stored). Both read the database at most once per {@link #FRESHNESS}, however often they are scraped.
 */
@Component
public class LifecycleMetrics {

    static final String PROCESSOR_LAG = "lifecycle.processor.lag";
    static final String SAGAS_ACTIVE = "lifecycle.sagas.active";
    static final Duration FRESHNESS = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(LifecycleMetrics.class);

    private final MeterRegistry registry;
    private final Configuration axon;
    private final ProcessorLag lag;
    private final Cached<Long> sagas;

    public LifecycleMetrics(MeterRegistry registry, Configuration axon, ProcessorLag lag, JdbcTemplate jdbc) {
        this.registry = registry;
        this.axon = axon;
        this.lag = lag;
        this.sagas = new Cached<>(() -> jdbc.queryForObject("select count(*) from saga_entry", Long.class));
        Gauge.builder(SAGAS_ACTIVE, () -> orNaN(sagas.get()))
                .description("Saga instances in the saga store (sagas not yet ended)")
                .register(registry);
    }

    /** Processors exist once Axon has started; their gauges are registered then. */
    @EventListener(ApplicationReadyEvent.class)
    public void registerProcessorGauges() {
        axon.eventProcessingConfiguration().eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder(PROCESSOR_LAG, () -> lagOf(streaming))
                        .description("Events stored beyond the position of the processor's slowest segment on this node")
                        .tag("processor", name)
                        .register(registry);
            }
        });
    }

    /** NaN while no segment is claimed here. */
    private double lagOf(StreamingEventProcessor processor) {
        OptionalLong events = lag.of(processor, FRESHNESS);
        return events.isPresent() ? events.getAsLong() : Double.NaN;
    }

    private static double orNaN(Long value) {
        return value == null ? Double.NaN : value;
    }

    /** A value read at most once per {@link #FRESHNESS}; a failed read counts as unknown. */
    private static final class Cached<T> {

        private final Supplier<T> source;
        private T value;
        private long readAt;
        private boolean read;

        Cached(Supplier<T> source) {
            this.source = source;
        }

        synchronized T get() {
            long now = System.nanoTime();
            if (!read || now - readAt > FRESHNESS.toNanos()) {
                try {
                    value = source.get();
                } catch (RuntimeException e) {
                    log.debug("metric source unavailable", e);
                    value = null;
                }
                readAt = now;
                read = true;
            }
            return value;
        }
    }
}
