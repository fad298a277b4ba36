package chat.lifecycle.platform.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.QueryBus;

/**
 * The messages one Axon component (the command bus, an event processor, the event store, the query bus) handles, as
 * Micrometer meters tagged by payload type: {@code <component>.handled} timers by outcome ({@code success},
 * {@code failure}), {@code <component>.ignored} for events a processor has no handler for, and, for processors,
 * {@code eventProcessor.delay} from an event's timestamp to its handling. The meters of a payload type are built on
 * its first message and found by its class after that: Axon's own monitors build four percentile timers, a capacity
 * reservoir and five counters on every message, ignored events included (docs/performance.md has their cost).
 */
final class MessageMeters implements MessageMonitor<Message<?>> {

    private final MeterRegistry registry;
    private final String component;
    private final Tags tags;
    private final Timer delay;
    private final Map<Class<?>, Outcomes> byPayloadType = new ConcurrentHashMap<>();

    private record Outcomes(Timer success, Timer failure, Counter ignored) {
    }

    private MessageMeters(MeterRegistry registry, String component, Tags tags, boolean processor) {
        this.registry = registry;
        this.component = component;
        this.tags = tags;
        this.delay = processor ? Timer.builder("eventProcessor.delay")
                .description("From an event's timestamp until a processor handled it")
                .tags(tags).register(registry) : null;
    }

    /** The meters of an Axon component of this type and name, or none for a component that is not monitored. */
    static MessageMonitor<Message<?>> of(MeterRegistry registry, Class<?> componentType, String name) {
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            return new MessageMeters(registry, "eventProcessor", Tags.of("processor", name), true);
        }
        if (CommandBus.class.isAssignableFrom(componentType)) {
            return new MessageMeters(registry, "commandBus", Tags.empty(), false);
        }
        if (EventBus.class.isAssignableFrom(componentType)) {
            return new MessageMeters(registry, "eventStore", Tags.empty(), false);
        }
        if (QueryBus.class.isAssignableFrom(componentType)) {
            return new MessageMeters(registry, "queryBus", Tags.empty(), false);
        }
        return NoOpMessageMonitor.instance();
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Outcomes outcomes = byPayloadType.get(message.getPayloadType());
        if (outcomes == null) {
            outcomes = byPayloadType.computeIfAbsent(message.getPayloadType(), this::outcomes);
        }
        Instant timestamp = delay != null && message instanceof EventMessage<?> event ? event.getTimestamp() : null;
        return new Callback(outcomes, System.nanoTime(), timestamp);
    }

    private Outcomes outcomes(Class<?> payloadType) {
        Tags typed = tags.and("payloadType", payloadType.getSimpleName());
        return new Outcomes(handled(typed, "success"), handled(typed, "failure"),
                Counter.builder(component + ".ignored").description("Messages no handler took").tags(typed)
                        .register(registry));
    }

    private Timer handled(Tags typed, String outcome) {
        return Timer.builder(component + ".handled").description("Messages handled, by outcome")
                .tags(typed.and("outcome", outcome)).register(registry);
    }

    private final class Callback implements MonitorCallback {

        private final Outcomes outcomes;
        private final long started;
        private final Instant timestamp;

        Callback(Outcomes outcomes, long started, Instant timestamp) {
            this.outcomes = outcomes;
            this.started = started;
            this.timestamp = timestamp;
        }

        @Override
        public void reportSuccess() {
            outcomes.success().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            if (timestamp != null) {
                delay.record(Math.max(0, System.currentTimeMillis() - timestamp.toEpochMilli()), TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void reportFailure(Throwable cause) {
            outcomes.failure().record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }

        @Override
        public void reportIgnored() {
            outcomes.ignored().increment();
        }
    }
}
