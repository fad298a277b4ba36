package chat.lifecycle.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.command.oauth.OAuthGrants;
import chat.lifecycle.command.room.Room;
import chat.lifecycle.command.user.User;
import chat.lifecycle.events.oauth.AuthorizationCodeIssued;
import chat.lifecycle.events.oauth.OAuthGrantsRevoked;
import chat.lifecycle.events.oauth.OAuthTokensIssued;
import chat.lifecycle.events.room.RoomCreated;
import chat.lifecycle.events.room.RoomMemberAdded;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.user.LoginTokenIssued;
import chat.lifecycle.events.user.PersonalAccessTokenIssued;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserRoleAdded;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/**
 * An aggregate read back from a snapshot is the aggregate that was snapshotted: every field survives the JSON form
 * the snapshots are stored in, so a snapshot taken after 100 events changes nothing a later command decides.
 */
class AggregateSnapshotsTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    @Test
    void aUserKeepsItsRolesAndTokensOfEachEpoch() {
        String userId = "u-snap";
        String json = roundTrip(new AggregateTestFixture<>(User.class), userId,
                new UserCreated(userId, "alice", "Alice", "alice@example.org", true, "$2a$10$hash", Set.of("user"),
                        true, "user", false),
                new UserRoleAdded(userId, "admin"),
                new LoginTokenIssued(userId, "t-1", "hash-1", 0),
                new UserDeactivated(userId, true, 1, true, List.of()),
                new PersonalAccessTokenIssued(userId, "t-2", "ci", "hash-2", "abcd", 1));

        assertThat(json).contains("hash-1", "hash-2", "admin");
    }

    @Test
    void oauthGrantsKeepTheirCodesTokenPairsAndRevokedEpoch() {
        String userId = "u-oauth";
        Instant later = Instant.now().plus(Duration.ofDays(1));
        String json = roundTrip(new AggregateTestFixture<>(OAuthGrants.class), OAuthGrants.idOf(userId),
                new AuthorizationCodeIssued(userId, "c-1", "code-hash-1", "client-1", "https://app/cb", later, 0),
                new OAuthGrantsRevoked(userId, List.of("c-1"), List.of(), 1),
                new AuthorizationCodeIssued(userId, "c-2", "code-hash-2", "client-1", "https://app/cb", later, 1),
                new OAuthTokensIssued(userId, "p-1", "client-1", "access-hash", later, "refresh-hash", later, 1,
                        null));

        assertThat(json).contains("code-hash-2", "refresh-hash").doesNotContain("code-hash-1");
    }

    @Test
    void aRoomKeepsItsMembersInJoinOrderAndItsOwners() {
        String json = roundTrip(new AggregateTestFixture<>(Room.class), "r-snap",
                new RoomCreated("r-snap", RoomCreated.PUBLIC, "general", "u-1", false),
                new RoomMemberAdded("r-snap", "u-1"),
                new RoomOwnerAdded("r-snap", "u-1"),
                new RoomMemberAdded("r-snap", "u-3"),
                new RoomMemberAdded("r-snap", "u-2"));

        assertThat(json).contains("[\"u-1\",\"u-3\",\"u-2\"]");
    }

    /** The aggregate after the events, serialized and read back: equal field by field. Answers the JSON. */
    private static <T> String roundTrip(AggregateTestFixture<T> fixture, String aggregateId, Object... events) {
        StringBuilder json = new StringBuilder();
        fixture.given(events)
                .whenInvoking(aggregateId, aggregate -> {
                })
                .expectState(aggregate -> {
                    SerializedObject<String> snapshot = SERIALIZER.serialize(aggregate, String.class);
                    Object restored = SERIALIZER.deserialize(snapshot);

                    assertThat(restored).usingRecursiveComparison().isEqualTo(aggregate);
                    json.append(snapshot.getData());
                });
        return json.toString();
    }
}
