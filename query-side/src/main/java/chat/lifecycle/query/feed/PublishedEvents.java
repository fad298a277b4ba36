package chat.lifecycle.query.feed;

import chat.lifecycle.events.PublishedEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Revision;
import org.springframework.stereotype.Component;

/**
 * Turns the events of the store into the published language: a {@link PublishedEvent} envelope whose payload is
 * the event's JSON form without its secrets. Whatever publishes events to other services (the RabbitMQ exchange,
 * the HTTP feed) goes through here, so every consumer sees the one documented form that the JSON Schemas under
 * {@code schemas/} in shared-events describe.
 */
@Component
public class PublishedEvents {

    /** Metadata key of the id that ties an event to the request (and the other events) it came from. */
    public static final String CORRELATION_ID = "correlationId";

    /**
     * The event record components that hold hashes of passwords and tokens. They stay in the event store, for the
     * command side's own use, and never leave it.
     */
    public static final Set<String> SECRET_FIELDS = Set.of(
            "passwordHash",        // UserCreated
            "hashedToken",         // LoginTokenIssued, PersonalAccessTokenIssued
            "hashedClientSecret",  // OAuthAppCreated
            "hashedCode",          // AuthorizationCodeIssued
            "hashedAccessToken",   // OAuthTokensIssued
            "hashedRefreshToken"); // OAuthTokensIssued

    private final ObjectMapper json;

    /**
     * Works on a copy of the application's mapper, fixed to the published form whatever the web API's settings:
     * instants as ISO-8601 strings and every property present, null or not.
     */
    public PublishedEvents(ObjectMapper json) {
        this.json = json.copy()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS);
    }

    /**
     * An event read from a tracking stream, with its tracking token's position as global index. That position is
     * the event's own only while no gap is being filled: an event committed late, below positions already seen,
     * carries the stream's highest position. Where the exact index matters, look it up ({@link StoredPositions}).
     */
    public PublishedEvent of(TrackedEventMessage<?> event) {
        return of(event, event.trackingToken() == null ? -1 : event.trackingToken().position().orElse(-1));
    }

    /** An event in its published form at the given global index (-1 when not known). */
    public PublishedEvent of(EventMessage<?> event, long globalIndex) {
        long index = globalIndex;
        String aggregateId = null;
        long sequence = -1;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        Object correlationId = event.getMetaData().get(CORRELATION_ID);
        Class<?> payloadType = event.getPayloadType();
        return new PublishedEvent(payloadType.getSimpleName(), versionOf(payloadType), event.getIdentifier(),
                aggregateId, sequence, index, event.getTimestamp().toString(),
                correlationId == null ? null : correlationId.toString(), payload(event.getPayload()));
    }

    /** The envelope as JSON text, as it goes on the wire. */
    public String json(PublishedEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.type() + " " + event.id(), e);
        }
    }

    /** The envelope as a JSON tree. */
    public JsonNode tree(PublishedEvent event) {
        return json.valueToTree(event);
    }

    /** The revision of an event class as published: its {@code @Revision}, 1 without one. */
    public static int versionOf(Class<?> payloadType) {
        Revision revision = payloadType.getAnnotation(Revision.class);
        return revision == null ? 1 : Integer.parseInt(revision.value());
    }

    private JsonNode payload(Object payload) {
        JsonNode tree = json.valueToTree(payload);
        if (tree instanceof ObjectNode object) {
            object.remove(SECRET_FIELDS);
        }
        return tree;
    }
}
