package chat.lifecycle.query.feed;

import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.events.PublishedEvent;
import chat.lifecycle.events.oauth.OAuthTokensIssued;
import chat.lifecycle.events.user.LoginTokenIssued;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserDeactivated;
import java.time.Instant;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

class PublishedEventsTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:15:30.123Z");

    private final PublishedEvents published = new PublishedEvents(Jackson2ObjectMapperBuilder.json().build());

    @Test
    void aDomainEventBecomesTheEnvelopeWithItsRevision() {
        var message = new GenericDomainEventMessage<>("User", "u-1", 4,
                new UserDeactivated("u-1", true, 2, true, List.of("room-1")),
                MetaData.with("correlationId", "corr-1").and("actorId", "admin-id"), "event-1", AT);

        PublishedEvent event = published.of(message, 17);

        assertThat(event.type()).isEqualTo("UserDeactivated");
        assertThat(event.version()).isEqualTo(3);
        assertThat(event.id()).isEqualTo("event-1");
        assertThat(event.aggregateId()).isEqualTo("u-1");
        assertThat(event.sequence()).isEqualTo(4);
        assertThat(event.globalIndex()).isEqualTo(17);
        assertThat(event.occurredAt()).isEqualTo("2026-11-27T10:15:30.123Z");
        assertThat(event.correlationId()).isEqualTo("corr-1");
        assertThat(event.payload().toString()).isEqualTo(
                "{\"userId\":\"u-1\",\"confirmRelinquish\":true,\"credentialEpoch\":2,\"handOverRooms\":true,"
                + "\"relinquishedRoomIds\":[\"room-1\"]}");
    }

    @Test
    void hashesNeverLeave() {
        var token = new GenericDomainEventMessage<>("User", "u-1", 1,
                new LoginTokenIssued("u-1", "t-1", "secret-hash", 3), MetaData.emptyInstance(), "event-2", AT);
        var user = new GenericDomainEventMessage<>("User", "u-1", 0, new UserCreated("u-1", "alice", "Alice",
                "alice@example.org", true, "$2a$10$bcrypt", Set.of("user"), true, "user", false));

        PublishedEvent tokenEvent = published.of(token, 5);
        PublishedEvent userEvent = published.of(user, 4);

        assertThat(tokenEvent.version()).isEqualTo(1);
        assertThat(tokenEvent.correlationId()).isNull();
        assertThat(tokenEvent.payload().has("hashedToken")).isFalse();
        assertThat(tokenEvent.payload().toString())
                .isEqualTo("{\"userId\":\"u-1\",\"tokenId\":\"t-1\",\"credentialEpoch\":3}");
        assertThat(userEvent.payload().has("passwordHash")).isFalse();
        assertThat(userEvent.payload().path("username").asText()).isEqualTo("alice");
        assertThat(published.json(tokenEvent) + published.json(userEvent))
                .doesNotContain("secret-hash").doesNotContain("bcrypt");
    }

    @Test
    void aTrackedEventTakesItsGlobalIndexFromItsToken() {
        var tokens = new OAuthTokensIssued("u-1", "p-1", "client", "access-hash", AT, "refresh-hash",
                AT.plusSeconds(60), 1, null);
        var tracked = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(42),
                new GenericDomainEventMessage<>("OAuthGrants", "g-u-1", 7, tokens));

        PublishedEvent event = published.of(tracked);

        assertThat(event.globalIndex()).isEqualTo(42);
        assertThat(event.sequence()).isEqualTo(7);
        assertThat(event.payload().fieldNames()).toIterable().containsExactly("userId", "tokenId", "clientId",
                "accessExpiresAt", "refreshExpiresAt", "credentialEpoch", "replacesTokenId");
        assertThat(event.payload().path("accessExpiresAt").asText()).isEqualTo("2026-11-27T10:15:30.123Z");
        assertThat(event.payload().path("replacesTokenId").isNull()).isTrue();
    }

    @Test
    void anEventOfNoAggregateHasNoAggregateIdAndSequenceMinusOne() {
        PublishedEvent event = published.of(GenericEventMessage.asEventMessage(new UserDeactivated("u-2", false, 1, false, List.of())), -1);

        assertThat(event.aggregateId()).isNull();
        assertThat(event.sequence()).isEqualTo(-1);
        assertThat(event.globalIndex()).isEqualTo(-1);
        assertThat(published.tree(event).path("payload").path("handOverRooms").asBoolean(true)).isFalse();
    }
}
