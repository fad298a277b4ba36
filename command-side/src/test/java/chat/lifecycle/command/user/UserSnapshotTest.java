package chat.lifecycle.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.events.user.LoginTokenIssued;
import chat.lifecycle.events.user.PersonalAccessTokenIssued;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserRoleAdded;
import java.util.Set;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/**
 * A user read back from a snapshot is the user that was snapshotted: every field, tokens of each epoch included,
 * survives the JSON form the snapshots are stored in.
 */
class UserSnapshotTest {

    private static final String USER_ID = "u-snap";

    @Test
    void aSnapshotRoundTripKeepsEveryField() {
        AggregateTestFixture<User> fixture = new AggregateTestFixture<>(User.class);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

        fixture.given(new UserCreated(USER_ID, "alice", "Alice", "alice@example.org", true, "$2a$10$hash",
                                Set.of("user"), true, "user", false),
                        new UserRoleAdded(USER_ID, "admin"),
                        new LoginTokenIssued(USER_ID, "t-1", "hash-1", 0),
                        new UserDeactivated(USER_ID, true, 1, true),
                        new PersonalAccessTokenIssued(USER_ID, "t-2", "ci", "hash-2", "abcd", 1))
                .whenInvoking(USER_ID, user -> {
                })
                .expectState(user -> {
                    SerializedObject<String> snapshot = serializer.serialize(user, String.class);
                    User restored = serializer.deserialize(snapshot);

                    assertThat(snapshot.getData()).contains("hash-1", "hash-2", "admin");
                    assertThat(restored).usingRecursiveComparison().isEqualTo(user);
                });
    }
}
