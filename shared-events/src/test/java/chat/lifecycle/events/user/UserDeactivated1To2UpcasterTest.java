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
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

/**
 * Stored {@link UserDeactivated} payloads read through {@link UserDeactivated1To2Upcaster} the way Axon reads them
 * from the event store: raw JSON bytes with a type and revision, upcast, then deserialized by the Jackson serializer.
 */
class UserDeactivated1To2UpcasterTest {

    private static final String TYPE = UserDeactivated.class.getName();
    private static final String USER_ID = "aliceId";

    /** A plain ObjectMapper: Jackson 2.12+ reads records through their canonical constructor. */
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
    private final UserDeactivated1To2Upcaster upcaster = new UserDeactivated1To2Upcaster();

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = UserDeactivated1To2UpcasterTest.class.getResourceAsStream("/fixtures/" + name)) {
            assertThat(in).as("fixture %s on the test classpath", name).isNotNull();
            return in.readAllBytes();
        }
    }

    /** A stored domain event as the event store hands it to the upcaster chain. */
    private IntermediateEventRepresentation stored(String type, String revision, byte[] payload) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("User", USER_ID, 3L, "event-1",
                Instant.parse("2025-01-01T00:00:00Z"), type, revision, payload,
                "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }

    private List<IntermediateEventRepresentation> upcast(IntermediateEventRepresentation representation) {
        return upcaster.upcast(Stream.of(representation)).toList();
    }

    private Object deserialize(IntermediateEventRepresentation representation) {
        return serializer.deserialize(representation.getData());
    }

    @Test
    void theRevision1FixtureHoldsTheThreeOriginalFieldsOnly() throws IOException {
        var json = new ObjectMapper().readTree(fixture("UserDeactivated-1.json"));

        assertThat(json.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("userId", "confirmRelinquish", "credentialEpoch");
    }

    @Test
    void aRevision1DeactivationIsReadAsRevision2HandingTheRoomsOver() throws IOException {
        List<IntermediateEventRepresentation> upcast = upcast(stored(TYPE, "1", fixture("UserDeactivated-1.json")));

        assertThat(upcast).singleElement().satisfies(representation ->
                assertThat(deserialize(representation)).isEqualTo(new UserDeactivated(USER_ID, false, 1, true, null)));
    }

    @Test
    void theUpcastEventCarriesRevision2OfTheSameType() throws IOException {
        List<IntermediateEventRepresentation> upcast = upcast(stored(TYPE, "1", fixture("UserDeactivated-1.json")));

        SerializedType type = upcast.get(0).getType();
        assertThat(type.getName()).isEqualTo(TYPE);
        assertThat(type.getRevision()).isEqualTo("2");
    }

    @Test
    void theUpcastEventKeepsItsIdentityAndPlaceInTheAggregatesStream() throws IOException {
        IntermediateEventRepresentation upcast =
                upcast(stored(TYPE, "1", fixture("UserDeactivated-1.json"))).get(0);

        assertThat(upcast.getMessageIdentifier()).isEqualTo("event-1");
        assertThat(upcast.getAggregateIdentifier()).contains(USER_ID);
        assertThat(upcast.getSequenceNumber()).contains(3L);
        assertThat(upcast.getTimestamp()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Test
    void aRevision1DeactivationKeepsItsConfirmRelinquishAndEpoch() {
        byte[] payload = "{\"userId\":\"bobId\",\"confirmRelinquish\":true,\"credentialEpoch\":4}"
                .getBytes(StandardCharsets.UTF_8);

        List<IntermediateEventRepresentation> upcast = upcast(stored(TYPE, "1", payload));

        assertThat(deserialize(upcast.get(0))).isEqualTo(new UserDeactivated("bobId", true, 4, true, null));
    }

    @Test
    void aRevision2IdleDeactivationPassesUnchangedAndStaysWithoutHandOver() {
        byte[] payload = ("{\"userId\":\"aliceId\",\"confirmRelinquish\":false,\"credentialEpoch\":2,"
                + "\"handOverRooms\":false}").getBytes(StandardCharsets.UTF_8);
        IntermediateEventRepresentation stored = stored(TYPE, "2", payload);

        List<IntermediateEventRepresentation> upcast = upcast(stored);

        assertThat(upcast).singleElement().isSameAs(stored);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        assertThat(deserialize(upcast.get(0))).isEqualTo(new UserDeactivated(USER_ID, false, 2, false, null));
    }

    @Test
    void aRevision2DeactivationHandingRoomsOverPassesUnchanged() {
        byte[] payload = ("{\"userId\":\"aliceId\",\"confirmRelinquish\":true,\"credentialEpoch\":2,"
                + "\"handOverRooms\":true}").getBytes(StandardCharsets.UTF_8);

        List<IntermediateEventRepresentation> upcast = upcast(stored(TYPE, "2", payload));

        assertThat(deserialize(upcast.get(0))).isEqualTo(new UserDeactivated(USER_ID, true, 2, true, null));
    }

    @Test
    void otherEventTypesPassUnchanged() {
        byte[] payload = "{\"userId\":\"aliceId\"}".getBytes(StandardCharsets.UTF_8);
        IntermediateEventRepresentation stored = stored(UserActivated.class.getName(), "1", payload);

        List<IntermediateEventRepresentation> upcast = upcast(stored);

        assertThat(upcast).singleElement().isSameAs(stored);
        assertThat(deserialize(upcast.get(0))).isEqualTo(new UserActivated(USER_ID));
    }

    /** Why the upcaster exists: a missing boolean reads as false, which would mean an idle deactivation. */
    @Test
    void withoutTheUpcasterARevision1PayloadWouldReadAsLeavingTheRoomsAlone() throws IOException {
        IntermediateEventRepresentation stored = stored(TYPE, "1", fixture("UserDeactivated-1.json"));

        assertThat(deserialize(stored)).isEqualTo(new UserDeactivated(USER_ID, false, 1, false, null));
    }
}
