package chat.lifecycle.events.user;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.events.Upcasters;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** A stored revision-1 {@link UserDeleted} read through the published language's chain, as the event store reads it. */
class UserDeleted1To2UpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();

    @Test
    void aRevision1DeletionIsReadAsOneThatRelinquishedNoRoom() {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("User", "aliceId", 7L, "event-1",
                Instant.parse("2025-01-01T00:00:00Z"), UserDeleted.class.getName(), "1",
                "{\"userId\":\"aliceId\"}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));

        List<IntermediateEventRepresentation> upcast =
                Upcasters.all().upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).toList();

        assertThat(upcast).singleElement().satisfies(representation -> {
            assertThat(representation.getType().getRevision()).isEqualTo("2");
            assertThat((Object) serializer.deserialize(representation.getData()))
                    .isEqualTo(new UserDeleted("aliceId", List.of()));
        });
    }
}
