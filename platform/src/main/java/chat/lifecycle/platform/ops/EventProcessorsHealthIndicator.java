package chat.lifecycle.platform.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The {@code eventProcessors} component of {@code /actuator/health}: every Axon event processor with its state.
 * A streaming processor shows whether it runs, and per segment claimed on this node whether it has caught up, is
 * replaying or is in error (and its position); any streaming processor in error makes the component DOWN.
 * Subscribing processors run in the publisher's transaction and only show their mode.
 */
@Component
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final Configuration axon;

    public EventProcessorsHealthIndicator(Configuration axon) {
        super("Event processor health check failed");
        this.axon = axon;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean failing = false;
        Map<String, Object> processors = new TreeMap<>();
        for (Map.Entry<String, EventProcessor> entry : axon.eventProcessingConfiguration().eventProcessors().entrySet()) {
            EventProcessor processor = entry.getValue();
            Map<String, Object> details = new LinkedHashMap<>();
            if (processor instanceof StreamingEventProcessor streaming) {
                boolean inError = streaming.isError()
                        || streaming.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
                failing |= inError;
                details.put("status", inError ? "DOWN" : "UP");
                details.put("mode", "streaming");
                details.put("running", streaming.isRunning());
                details.put("error", streaming.isError());
                details.put("replaying", streaming.isReplaying());
                details.put("segments", segments(streaming));
            } else {
                details.put("status", processor.isError() ? "DOWN" : "UP");
                details.put("mode", processor instanceof SubscribingEventProcessor ? "subscribing"
                        : processor.getClass().getSimpleName());
                details.put("running", processor.isRunning());
            }
            processors.put(entry.getKey(), details);
        }
        (failing ? builder.down() : builder.up()).withDetail("processors", processors);
    }

    private static Map<Integer, Object> segments(StreamingEventProcessor processor) {
        Map<Integer, Object> segments = new TreeMap<>();
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            Map<String, Object> segment = new LinkedHashMap<>();
            segment.put("caughtUp", status.isCaughtUp());
            segment.put("replaying", status.isReplaying());
            segment.put("errorState", status.isErrorState());
            if (status.isErrorState() && status.getError() != null) {
                segment.put("error", status.getError().getClass().getName());
            }
            status.getCurrentPosition().ifPresent(position -> segment.put("position", position));
            segments.put(status.getSegment().getSegmentId(), segment);
        }
        return segments;
    }
}
