package chat.lifecycle.platform.ops;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;

/**
 * Axon's {@link MessageOriginProvider} with a correlation id that stays the same along a chain: a message that
 * carries one passes it on (a request's id, set on its commands by {@link chat.lifecycle.command.AuditedCommands},
 * reaches their events, the saga's commands and their events), and a message without one starts the chain with its
 * own identifier. The id of the message that caused the new one goes to {@code causationId} (Axon 4's
 * {@code MessageOriginProvider} put it in {@code correlationId}); {@code traceId} stays the first message's id.
 */
public class CorrelationIdProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object correlation = message.getMetaData().get(CorrelationId.KEY);
        data.put(CorrelationId.KEY, correlation != null ? correlation : message.getIdentifier());
        data.put(CorrelationId.CAUSATION_KEY, message.getIdentifier());
        data.put(CorrelationId.TRACE_KEY, message.getMetaData().getOrDefault(CorrelationId.TRACE_KEY,
                message.getIdentifier()));
        return data;
    }
}
