package chat.lifecycle.query.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import chat.lifecycle.query.ReadModelDatabase;
import chat.lifecycle.query.user.UserEvents;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

/** The room routes' answers and refusals, read from rows written straight into the read models. */
class RoomQueryControllerTest {

    private static final Instant CREATED = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-27T11:00:00Z");

    private ReadModelDatabase database;
    private QueuedWritesJdbcTemplate jdbc;
    private RoomQueryController controller;

    @BeforeEach
    void createRooms() {
        database = new ReadModelDatabase();
        jdbc = database.jdbc();
        controller = new RoomQueryController(new RoomViews(jdbc));
        UserEvents users = new UserEvents(jdbc);
        for (String user : List.of("u-alice", "u-bob", "u-carol")) {
            users.created(user, CREATED);
        }
        room("general", "c", "general", "u-alice", false);
        subscribe("general", "u-alice", CREATED, true);
        room("secret", "p", "secret", "u-bob", true);
        subscribe("secret", "u-bob", CREATED, false);
        subscribe("secret", "u-alice", LATER, true);
        subscribe("secret", "u-carol", CREATED.plusSeconds(1), true);
        room("dm", "d", null, null, false);
        subscribe("dm", "u-alice", CREATED, false);
        subscribe("dm", "u-bob", CREATED, false);
        users.deactivated("u-bob", LATER);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void aChannelIsDescribedWithItsCreator() {
        assertThat(controller.info(caller("u-carol"), null, "general")).isEqualTo(Map.of("success", true,
                "room", Map.of("_id", "general", "name", "general", "fname", "general", "t", "c", "ro", false,
                        "usersCount", 1, "u", Map.of("_id", "u-alice", "username", "alice"),
                        "ts", CREATED.toString(), "_updatedAt", LATER.toString(), "default", false)));
    }

    @Test
    void aDirectMessageListsItsParticipantsInsteadOfACreator() {
        assertThat(controller.info(caller("u-bob"), "dm", null)).isEqualTo(Map.of("success", true,
                "room", Map.of("_id", "dm", "t", "d", "ro", true, "usersCount", 2,
                        "uids", List.of("u-alice", "u-bob"), "usernames", List.of("alice", "bob"),
                        "ts", CREATED.toString(), "_updatedAt", LATER.toString(), "default", false)));
    }

    @Test
    void onlyMembersAndRoomAdministratorsSeeAGroupOrDirectMessage() {
        assertThatThrownBy(() -> controller.info(caller("u-carol"), "dm", null))
                .hasMessageContaining("[error-unauthorized]");
        assertThat(controller.info(caller("u-carol", RoomQueryController.VIEW_ROOM_ADMINISTRATION), "dm", null))
                .containsEntry("success", true);
        assertThat(controller.info(caller("u-carol"), null, "secret")).containsEntry("success", true);
    }

    @Test
    void aMissingOrUnknownRoomIsRefused() {
        assertThatThrownBy(() -> controller.info(caller("u-alice"), null, ""))
                .hasMessage("must have required property 'roomId'\n[invalid-params]");
        assertThatThrownBy(() -> controller.info(caller("u-alice"), "nowhere", null)).hasMessage("Room not found");
    }

    @Test
    void aGroupListsItsOwnersOldestMemberFirst() {
        assertThat(controller.groupRoles(caller("u-bob"), "secret", null)).isEqualTo(Map.of("success", true,
                "roles", List.of(
                        Map.of("rid", "secret", "roles", List.of("owner"),
                                "u", Map.of("_id", "u-carol", "username", "carol")),
                        Map.of("rid", "secret", "roles", List.of("owner"),
                                "u", Map.of("_id", "u-alice", "username", "alice")))));
    }

    @Test
    void rolesAreOnlyListedForTheirKindOfRoom() {
        assertThatThrownBy(() -> controller.channelRoles(caller("u-alice"), "secret", null)).hasMessage(
                "The required \"roomId\" or \"roomName\" param provided does not match any channel "
                        + "[error-room-not-found]");
        assertThatThrownBy(() -> controller.groupRoles(caller("u-alice"), null, "general")).hasMessage(
                "The required \"roomId\" or \"roomName\" param provided does not match any group "
                        + "[error-room-not-found]");
        assertThat(controller.channelRoles(caller("u-bob"), null, "general")).containsEntry("success", true);
    }

    @Test
    void theCallersSubscriptionShowsWhetherItIsArchived() {
        assertThat(controller.subscription(caller("u-alice"), "dm")).isEqualTo(Map.of("success", true,
                "subscription", Map.of("_id", "dmu-alice", "rid", "dm", "t", "d", "ts", CREATED.toString(),
                        "u", Map.of("_id", "u-alice", "username", "alice"), "open", true, "archived", true,
                        "roles", List.of())));
        assertThat(controller.subscription(caller("u-carol"), "dm")).containsEntry("subscription", null);
    }

    private void room(String id, String type, String name, String creatorId, boolean readOnly) {
        jdbc.update("""
                insert into room_view (id, type, name, creator_id, read_only, users_count, created_at, updated_at)
                values (?, ?, ?, ?, ?, 0, ?, ?)""",
                id, type, name, creatorId, readOnly, Timestamp.from(CREATED), Timestamp.from(LATER));
    }

    private void subscribe(String roomId, String userId, Instant joinedAt, boolean owner) {
        jdbc.update("insert into room_subscription values (?, ?, ?, ?)", roomId, userId, Timestamp.from(joinedAt),
                owner);
        jdbc.update("update room_view set users_count = users_count + 1 where id = ?", roomId);
    }

    private static Authentication caller(String userId, String... permissions) {
        return new TestingAuthenticationToken(userId, null, permissions);
    }
}
