package chat.lifecycle.query.room;

import chat.lifecycle.events.room.DirectMessageCreated;
import chat.lifecycle.events.room.RoomCreated;
import chat.lifecycle.events.room.RoomDeleted;
import chat.lifecycle.events.room.RoomMemberAdded;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.room.RoomOwnerRemoved;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import chat.lifecycle.query.replay.Rebuildable;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds {@code room_view} and {@code room_subscription} from the room events, and keeps direct messages in step
 * with their participants' status: a direct message is read-only while either participant is inactive, and a
 * participant's subscription is archived while the other one is. Every handler inserts only what is absent,
 * recomputes counts and sets flags to absolute values, so applying an event again leaves the same rows.
 */
@Component
@ProcessingGroup(RoomViewProjection.GROUP)
public class RoomViewProjection implements Rebuildable {

    public static final String GROUP = "room-view";

    /** The direct messages the user takes part in. */
    private static final String DIRECT_MESSAGES_OF = """
            select s.room_id from room_subscription s join room_view r on r.id = s.room_id
            where s.user_id = ? and r.type = 'd'""";

    /** In each of the user's direct messages, the other participant's subscription. */
    private static final String OTHER_PARTICIPANT = " room_id in (" + DIRECT_MESSAGES_OF + ") and user_id <> ?";

    /**
     * In the user's notes to self, their own subscription. A statement of its own: folded into the one above as
     * "or room_id in (rooms of one user)", PostgreSQL read every room for every status change.
     */
    private static final String NOTE_TO_SELF = " user_id = ? and room_id in (" + DIRECT_MESSAGES_OF
            + " and r.users_count = 1)";

    private final JdbcTemplate jdbc;

    public RoomViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RoomCreated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        insertRoom(event.roomId(), event.type(), event.name(), event.creatorId(), event.readOnly(),
                event.readOnly(), 0, at);
    }

    @EventHandler
    void on(RoomMemberAdded event, @org.axonframework.eventhandling.Timestamp Instant at) {
        // Through the room row, so a member added to a room that is already gone leaves nothing behind.
        jdbc.update("""
                insert into room_subscription (room_id, user_id, joined_at, owner, archived)
                select id, ?, ?, false, false from room_view where id = ?
                on conflict do nothing""", event.userId(), Timestamp.from(at), event.roomId());
        jdbc.update("""
                update room_view set users_count = (select count(*) from room_subscription where room_id = ?),
                                     updated_at = greatest(updated_at, ?)
                where id = ?""", event.roomId(), Timestamp.from(at), event.roomId());
    }

    @EventHandler
    void on(RoomOwnerAdded event) {
        setOwner(event.roomId(), event.userId(), true);
    }

    @EventHandler
    void on(RoomOwnerRemoved event) {
        setOwner(event.roomId(), event.userId(), false);
    }

    @EventHandler
    void on(RoomDeleted event) {
        jdbc.update("delete from room_subscription where room_id = ?", event.roomId());
        jdbc.update("delete from room_view where id = ?", event.roomId());
    }

    /**
     * No room event records a direct message's read-only or archived state: it follows from the participants'
     * status when the room is created, and from their status events afterwards.
     */
    @EventHandler
    void on(DirectMessageCreated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        List<String> participants = event.userIds().stream().distinct().toList();
        boolean anyInactive = participants.stream().anyMatch(this::inactive);
        insertRoom(event.roomId(), "d", null, null, false, anyInactive, participants.size(), at);
        for (String userId : participants) {
            String other = participants.stream().filter(id -> !id.equals(userId)).findFirst().orElse(userId);
            jdbc.update("""
                    insert into room_subscription (room_id, user_id, joined_at, owner, archived)
                    values (?, ?, ?, false, ?) on conflict do nothing""",
                    event.roomId(), userId, Timestamp.from(at), inactive(other));
        }
    }

    @EventHandler
    void on(UserDeactivated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("update room_view set ro = true, updated_at = greatest(updated_at, ?) where id in ("
                + DIRECT_MESSAGES_OF + ")", Timestamp.from(at), event.userId());
        jdbc.update("update room_subscription set archived = true where" + OTHER_PARTICIPANT,
                event.userId(), event.userId());
        jdbc.update("update room_subscription set archived = true where" + NOTE_TO_SELF,
                event.userId(), event.userId());
    }

    /**
     * Reads only the other participant's status: user_view is kept by another processor in the same transaction,
     * in no guaranteed order, so it may not show this activation yet.
     */
    @EventHandler
    void on(UserActivated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                update room_view set updated_at = greatest(updated_at, ?),
                       ro = exists (select 1 from room_subscription o join user_view u on u.id = o.user_id
                                    where o.room_id = room_view.id and o.user_id <> ? and u.active = false)
                where id in (""" + DIRECT_MESSAGES_OF + ")",
                Timestamp.from(at), event.userId(), event.userId());
        jdbc.update("update room_subscription set archived = false where" + OTHER_PARTICIPANT,
                event.userId(), event.userId());
        jdbc.update("update room_subscription set archived = false where" + NOTE_TO_SELF,
                event.userId(), event.userId());
    }

    /**
     * As Rocket.Chat does, a deleted user's direct messages go with them, the other participant's subscription
     * included; they leave their channels and groups, which count one member fewer.
     */
    @EventHandler
    void on(UserDeleted event, @org.axonframework.eventhandling.Timestamp Instant at) {
        String userId = event.userId();
        jdbc.update("delete from room_subscription where user_id <> ? and room_id in (" + DIRECT_MESSAGES_OF + ")",
                userId, userId);
        jdbc.update("delete from room_view where type = 'd' and id in "
                + "(select room_id from room_subscription where user_id = ?)", userId);
        jdbc.update("""
                update room_view set updated_at = greatest(updated_at, ?),
                       users_count = (select count(*) from room_subscription s
                                      where s.room_id = room_view.id and s.user_id <> ?)
                where id in (select room_id from room_subscription where user_id = ?)""",
                Timestamp.from(at), userId, userId);
        jdbc.update("delete from room_subscription where user_id = ?", userId);
    }

    private void insertRoom(String roomId, String type, String name, String creatorId, boolean readOnly,
                            boolean ro, int usersCount, Instant at) {
        jdbc.update("""
                insert into room_view (id, type, name, creator_id, read_only, ro, users_count, created_at,
                                       updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                roomId, type, name, creatorId, readOnly, ro, usersCount, Timestamp.from(at), Timestamp.from(at));
    }

    private void setOwner(String roomId, String userId, boolean owner) {
        jdbc.update("update room_subscription set owner = ? where room_id = ? and user_id = ?", owner, roomId, userId);
    }

    /** A user unknown to user_view counts as active: only a recorded deactivation makes a room read-only. */
    private boolean inactive(String userId) {
        return !jdbc.queryForList("select 1 from user_view where id = ? and active = false", Integer.class, userId)
                .isEmpty();
    }

    @Override
    public String processingGroup() {
        return GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("room_view", "room_subscription");
    }

    @Override
    public void reset() {
        jdbc.update("delete from room_subscription");
        jdbc.update("delete from room_view");
    }
}
