package chat.lifecycle.query.feed;

import chat.lifecycle.events.PublishedEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes every event to the RabbitMQ topic exchange, routing key = event type, as the versioned JSON envelope.
 * It runs on a streaming processor whose token lives in the database, so the event store is the outbox: an event
 * counts as handled only once the broker confirmed it; if the broker is down the processor retries from its token,
 * and after a restart it resumes where it stopped. Delivery is therefore at least once, in order per aggregate
 * (the processor's sequencing keeps an aggregate's events in one segment); subscribers de-duplicate by message id.
 */
@ProcessingGroup(DownstreamPublisher.GROUP)
public class DownstreamPublisher {

    public static final String GROUP = "downstream-publisher";
    private static final long CONFIRM_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(10);

    private final RabbitTemplate rabbit;
    private final PublishedEvents published;
    private final StoredPositions positions;
    private final ObjectMapper json;
    private final String exchange;

    public DownstreamPublisher(RabbitTemplate rabbit, PublishedEvents published, StoredPositions positions,
                               ObjectMapper json, String exchange) {
        this.rabbit = rabbit;
        this.published = published;
        this.positions = positions;
        this.json = json;
        this.exchange = exchange;
    }

    @EventHandler
    void publish(Object payload, EventMessage<?> event) throws JsonProcessingException {
        PublishedEvent envelope = published.of(event, positions.of(event.getIdentifier()));
        Message message = MessageBuilder.withBody(json.writeValueAsBytes(envelope))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(envelope.id())
                .setType(envelope.type())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader("version", envelope.version())
                .setHeader("aggregateId", envelope.aggregateId())
                .setHeader("sequence", envelope.sequence())
                .build();
        rabbit.invoke(channel -> {
            channel.send(exchange, envelope.type(), message);
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
            return null;
        });
    }
}
