package chat.lifecycle.platform.ops;

import java.time.Duration;
import java.util.OptionalLong;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How far a streaming processor is behind: the events stored beyond its slowest segment on this node. The
 * segments' positions are in memory; the store's head is one query, shared by every caller that accepts a head of
 * that age, so many callers asking often still read it rarely.
 */
@Component
public class ProcessorLag {

    private static final Logger log = LoggerFactory.getLogger(ProcessorLag.class);

    private final Configuration axon;
    private long head;
    private long headReadAt;
    private boolean headKnown;

    public ProcessorLag(Configuration axon) {
        this.axon = axon;
    }

    /**
     * The lag, with the head read at most {@code headAge} ago; empty while no segment of the processor is claimed
     * on this node or the head cannot be read.
     */
    public OptionalLong of(StreamingEventProcessor processor, Duration headAge) {
        var segments = processor.processingStatus().values();
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong storeHead = head(headAge);
        if (storeHead.isEmpty()) {
            return OptionalLong.empty();
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : segments) {
            lowest = Math.min(lowest, status.getCurrentPosition().orElse(-1));
        }
        return OptionalLong.of(Math.max(0, storeHead.getAsLong() - lowest));
    }

    private synchronized OptionalLong head(Duration maxAge) {
        long now = System.nanoTime();
        if (!headKnown || now - headReadAt > maxAge.toNanos()) {
            headKnown = false;
            if (axon.eventBus() instanceof StreamableMessageSource<?> store) {
                try {
                    TrackingToken token = store.createHeadToken();
                    head = token == null ? -1 : token.position().orElse(-1);
                    headKnown = true;
                } catch (RuntimeException unreadable) {
                    log.debug("event store head unavailable", unreadable);
                }
            }
            headReadAt = now;
        }
        return headKnown ? OptionalLong.of(head) : OptionalLong.empty();
    }
}
