package chat.lifecycle.events.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/** A stored revision-1 {@link LoginTokensRevoked} read through the upcaster as the event store reads it. */
class LoginTokensRevoked1To2UpcasterTest {

    private static final String TYPE = LoginTokensRevoked.class.getName();

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();

    private IntermediateEventRepresentation stored(String revision) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/LoginTokensRevoked-1.json")) {
            GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("User", "aliceId", 4L, "event-1",
                    Instant.parse("2025-01-01T00:00:00Z"), TYPE, revision, in.readAllBytes(),
                    "{}".getBytes(StandardCharsets.UTF_8));
            return new InitialEventRepresentation(entry, serializer);
        }
    }

    @Test
    void aRevision1ConfirmationIsReadWithItsPersonalAccessTokensUnknown() throws IOException {
        List<IntermediateEventRepresentation> upcast =
                new LoginTokensRevoked1To2Upcaster().upcast(Stream.of(stored("1"))).toList();

        assertThat(upcast).singleElement().satisfies(representation -> {
            assertThat(representation.getType().getRevision()).isEqualTo("2");
            assertThat((Object) serializer.deserialize(representation.getData())).isEqualTo(
                    new LoginTokensRevoked("aliceId", List.of("pat-a", "token-b"), 1, null));
        });
    }

    @Test
    void aRevision2ConfirmationIsLeftAsItIs() throws IOException {
        assertThat(new LoginTokensRevoked1To2Upcaster().upcast(Stream.of(stored("2"))).toList())
                .singleElement().satisfies(representation ->
                        assertThat(representation.getType().getRevision()).isEqualTo("2"));
    }
}
