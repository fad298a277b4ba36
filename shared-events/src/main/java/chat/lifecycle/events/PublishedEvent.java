package chat.lifecycle.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event as downstream services receive it, on the RabbitMQ exchange and from the HTTP feed: a versioned JSON
 * envelope around the event's payload. {@code type} is the event's simple name ({@code UserDeactivated}),
 * {@code version} its revision, {@code id} unique per event (de-duplicate on it: delivery is at least once),
 * {@code sequence} its position in its aggregate's stream (order per aggregate), {@code globalIndex} its
 * position in the whole store (resume a feed after it). Secrets (hashes of passwords and tokens) never appear in
 * {@code payload}. Each type and version has a JSON Schema under {@code schemas/} in this jar.
 */
public record PublishedEvent(String type, int version, String id, String aggregateId, long sequence,
                             long globalIndex, String occurredAt, String correlationId, JsonNode payload) {
}
