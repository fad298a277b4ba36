package chat.lifecycle.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads one revision of an event as the next, which added a field: the stored payload gains the field with the
 * value that describes what the older revision meant. Stored events are never rewritten; they are upcast each time
 * they are read.
 */
public abstract class FieldAddedUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;
    private final String field;
    private final JsonNode value;

    protected FieldAddedUpcaster(Class<?> eventType, int fromRevision, String field, JsonNode value) {
        this.from = new SimpleSerializedType(eventType.getName(), String.valueOf(fromRevision));
        this.to = new SimpleSerializedType(eventType.getName(), String.valueOf(fromRevision + 1));
        this.field = field;
        this.value = value;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            ((ObjectNode) payload).set(field, value.deepCopy());
            return payload;
        });
    }
}
