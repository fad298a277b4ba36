package chat.lifecycle.query.room;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.events.room.DirectMessageCreated;
import chat.lifecycle.events.room.RoomCreated;
import chat.lifecycle.events.room.RoomDeleted;
import chat.lifecycle.events.room.RoomMemberAdded;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.room.RoomOwnerRemoved;
import chat.lifecycle.events.user.UserDeleted;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import chat.lifecycle.query.ReadModelDatabase;
import chat.lifecycle.query.room.RoomViews.Member;
import chat.lifecycle.query.room.RoomViews.RoomView;
import chat.lifecycle.query.user.UserEvents;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The room read models' SQL, driven through the projections' handlers on the real migrations. */
class RoomViewProjectionTest {

    private static final String ALICE = "u-alice";
    private static final String BOB = "u-bob";
    private static final String CAROL = "u-carol";

    private ReadModelDatabase database;
    private QueuedWritesJdbcTemplate jdbc;
    private UserEvents users;
    private RoomViewProjection projection;
    private RoomViews views;
    private Instant clock = Instant.parse("2026-11-27T10:00:00Z");

    @BeforeEach
    void createUsers() {
        database = new ReadModelDatabase();
        jdbc = database.jdbc();
        users = new UserEvents(jdbc);
        projection = new RoomViewProjection(jdbc);
        views = new RoomViews(jdbc);
        for (String user : List.of(ALICE, BOB, CAROL)) {
            users.created(user, tick());
        }
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void membersAreCountedAndOwnersListedInJoinOrder() {
        Instant created = tick();
        projection.on(new RoomCreated("general", RoomCreated.PUBLIC, "general", CAROL, false), created);
        join("general", CAROL);
        projection.on(new RoomOwnerAdded("general", CAROL));
        join("general", ALICE);
        Instant lastJoin = join("general", BOB);
        projection.on(new RoomOwnerAdded("general", BOB));

        RoomView room = views.byId("general").orElseThrow();
        assertThat(room).isEqualTo(new RoomView("general", "c", "general", new Member(CAROL, "carol"), false, false,
                3, created, lastJoin));
        assertThat(views.members("general")).extracting(Member::userId).containsExactly(ALICE, BOB, CAROL);
        assertThat(views.owners("general")).containsExactly(new Member(CAROL, "carol"), new Member(BOB, "bob"));
        assertThat(views.subscription("general", ALICE).orElseThrow().owner()).isFalse();

        projection.on(new RoomOwnerRemoved("general", CAROL));
        assertThat(views.owners("general")).containsExactly(new Member(BOB, "bob"));
    }

    /**
     * Two events handled in transactions that both read the room before either wrote, as a member's addition and
     * another member's deletion may on two nodes: both moves of the count survive.
     */
    @Test
    void twoChangesThatReadTheRoomBeforeEitherWroteBothMoveItsCount() {
        projection.on(new RoomCreated("general", RoomCreated.PUBLIC, "general", CAROL, false), tick());
        join("general", CAROL);
        join("general", ALICE);
        RoomTables tables = new RoomTables(jdbc);
        List<Rooms> unwritten = new ArrayList<>();
        RoomViewProjection.Rows holdingTheWrite = (RoomViewProjection.Rows) Proxy.newProxyInstance(
                RoomViewProjection.Rows.class.getClassLoader(), new Class<?>[] {RoomViewProjection.Rows.class},
                (proxy, method, args) -> method.getName().equals("save") ? unwritten.add((Rooms) args[0])
                        : method.invoke(tables, args));

        new RoomViewProjection(holdingTheWrite).on(new RoomMemberAdded("general", BOB), tick());
        projection.on(new UserDeleted(ALICE, List.of()), tick());
        tables.save(unwritten.get(0));

        assertThat(views.byId("general").orElseThrow().usersCount()).isEqualTo(2);
        assertThat(views.members("general")).extracting(Member::userId).containsExactly(BOB, CAROL);
    }

    @Test
    void aReadOnlyGroupIsFoundByItsName() {
        projection.on(new RoomCreated("g1", RoomCreated.PRIVATE, "secret", ALICE, true), tick());

        RoomView group = views.byName("secret").orElseThrow();
        assertThat(group.type()).isEqualTo("p");
        assertThat(group.readOnly()).isTrue();
        assertThat(group.ro()).isTrue();
        assertThat(views.byName("general")).isEmpty();
    }

    @Test
    void deletingARoomRemovesItAndOnlyItsSubscriptions() {
        projection.on(new RoomCreated("doomed", RoomCreated.PUBLIC, "doomed", ALICE, false), tick());
        join("doomed", ALICE);
        join("doomed", BOB);
        projection.on(new RoomCreated("kept", RoomCreated.PRIVATE, "kept", ALICE, false), tick());
        join("kept", ALICE);

        projection.on(new RoomDeleted("doomed"));

        assertThat(views.byId("doomed")).isEmpty();
        assertThat(jdbc.queryForList("select room_id from room_subscription", String.class)).containsExactly("kept");
    }

    @Test
    void aDirectMessageIsReadOnlyWhileEitherParticipantIsInactive() {
        projection.on(new DirectMessageCreated("dm", List.of(ALICE, BOB)), tick());
        assertDirectMessage(false, false, false);

        deactivate(ALICE);
        assertDirectMessage(true, false, true);

        deactivate(BOB);
        assertDirectMessage(true, true, true);

        activate(ALICE);
        assertDirectMessage(true, true, false);

        activate(BOB);
        assertDirectMessage(false, false, false);

        RoomView dm = views.byId("dm").orElseThrow();
        assertThat(dm.creator()).isNull();
        assertThat(dm.name()).isNull();
        assertThat(dm.usersCount()).isEqualTo(2);
        assertThat(views.members("dm")).containsExactly(new Member(ALICE, "alice"), new Member(BOB, "bob"));
    }

    /** Its own state moves with its participants' status, as Rocket.Chat's setting of the flag touches the room. */
    @Test
    void aDirectMessageIsUpdatedWhenAParticipantsStatusChanges() {
        Instant created = tick();
        projection.on(new DirectMessageCreated("dm", List.of(ALICE, BOB)), created);
        assertThat(views.byId("dm").orElseThrow().updatedAt()).isEqualTo(created);

        Instant deactivated = deactivate(BOB);
        assertThat(views.byId("dm").orElseThrow().updatedAt()).isEqualTo(deactivated);
        assertThat(views.byId("general")).isEmpty();
    }

    @Test
    void aDirectMessageWithAnInactiveParticipantStartsReadOnly() {
        deactivate(BOB);

        projection.on(new DirectMessageCreated("dm", List.of(ALICE, BOB)), tick());

        assertDirectMessage(true, true, false);
    }

    @Test
    void aNoteToSelfIsArchivedWhileItsOwnerIsInactive() {
        projection.on(new DirectMessageCreated("self", List.of(ALICE, ALICE)), tick());
        assertThat(views.byId("self").orElseThrow().usersCount()).isEqualTo(1);

        deactivate(ALICE);
        assertThat(views.byId("self").orElseThrow().ro()).isTrue();
        assertThat(views.subscription("self", ALICE).orElseThrow().archived()).isTrue();

        activate(ALICE);
        assertThat(views.byId("self").orElseThrow().ro()).isFalse();
        assertThat(views.subscription("self", ALICE).orElseThrow().archived()).isFalse();
    }

    @Test
    void aDeletedUserLeavesTheirRoomsAndTheirDirectMessagesGo() {
        projection.on(new RoomCreated("general", RoomCreated.PUBLIC, "general", ALICE, false), tick());
        join("general", ALICE);
        join("general", BOB);
        projection.on(new DirectMessageCreated("dm-alice-bob", List.of(ALICE, BOB)), tick());
        projection.on(new DirectMessageCreated("dm-bob-carol", List.of(BOB, CAROL)), tick());

        projection.on(new UserDeleted(ALICE, List.of()), tick());
        users.deleted(ALICE);

        assertThat(views.byId("general").orElseThrow().usersCount()).isEqualTo(1);
        assertThat(views.members("general")).extracting(Member::userId).containsExactly(BOB);
        assertThat(views.byId("dm-alice-bob")).isEmpty();
        assertThat(views.subscription("dm-alice-bob", BOB)).isEmpty();
        assertThat(views.members("dm-bob-carol")).extracting(Member::userId).containsExactly(BOB, CAROL);
    }

    @Test
    void applyingAnEventAgainLeavesTheSameRows() {
        Instant created = tick();
        Instant joined = tick();
        Instant later = tick();
        twice(() -> projection.on(new RoomCreated("general", RoomCreated.PUBLIC, "general", ALICE, false), created));
        twice(() -> projection.on(new RoomMemberAdded("general", ALICE), joined));
        twice(() -> projection.on(new RoomOwnerAdded("general", ALICE)));
        twice(() -> projection.on(new RoomMemberAdded("general", BOB), later));
        twice(() -> projection.on(new RoomOwnerAdded("general", BOB)));
        twice(() -> projection.on(new RoomOwnerRemoved("general", BOB)));
        twice(() -> projection.on(new RoomCreated("general", RoomCreated.PUBLIC, "general", ALICE, false), created));
        twice(() -> projection.on(new DirectMessageCreated("dm", List.of(ALICE, BOB)), created));
        twice(() -> projection.on(new UserDeleted(CAROL, List.of()), later));
        twice(() -> projection.on(new RoomDeleted("general")));
        twice(() -> projection.on(new RoomMemberAdded("general", CAROL), later));
        twice(() -> projection.on(new UserDeleted(BOB, List.of()), later));

        assertThat(rows()).isEmpty();
    }

    private Instant join(String roomId, String userId) {
        Instant at = tick();
        projection.on(new RoomMemberAdded(roomId, userId), at);
        return at;
    }

    /** The rooms' tables have no part in a status change: only {@code user_view} records it. */
    private Instant deactivate(String userId) {
        Instant at = tick();
        users.deactivated(userId, at);
        return at;
    }

    private void activate(String userId) {
        users.activated(userId, tick());
    }

    private void assertDirectMessage(boolean ro, boolean aliceArchived, boolean bobArchived) {
        assertThat(views.byId("dm").orElseThrow().ro()).as("ro").isEqualTo(ro);
        assertThat(views.subscription("dm", ALICE).orElseThrow().archived()).as("alice's archived")
                .isEqualTo(aliceArchived);
        assertThat(views.subscription("dm", BOB).orElseThrow().archived()).as("bob's archived")
                .isEqualTo(bobArchived);
    }

    private void twice(Runnable event) {
        event.run();
        List<Map<String, Object>> once = rows();
        event.run();
        assertThat(rows()).isEqualTo(once);
    }

    private List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList("select * from room_view order by id"));
        rows.addAll(jdbc.queryForList("select * from room_subscription order by room_id, user_id"));
        return rows;
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }
}
