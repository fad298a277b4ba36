package chat.lifecycle.query.room;

import chat.lifecycle.query.replay.Rebuild;
import chat.lifecycle.query.replay.Rebuildable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds {@code room_view} and {@code room_subscription} from the room events and the users' status events, with
 * statements (see {@link RoomViewRules}). The users' status comes from {@code user_view}.
 */
@Component
@ProcessingGroup(RoomViewProjection.GROUP)
public class RoomViewProjection extends RoomViewRules implements Rebuildable {

    public static final String GROUP = "room-view";

    static final String INSERT_ROOM = """
            insert into room_view (id, type, name, creator_id, read_only, ro, users_count, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""";

    static final String INSERT_SUBSCRIPTION = """
            insert into room_subscription (room_id, user_id, joined_at, owner, archived)
            values (?, ?, ?, ?, ?) on conflict do nothing""";

    /** The direct messages the user takes part in. */
    private static final String DIRECT_MESSAGES_OF = """
            select s.room_id from room_subscription s join room_view r on r.id = s.room_id
            where s.user_id = ? and r.type = 'd'""";

    /**
     * The subscriptions a user's status shows on: in each of the user's direct messages the other participant's, and
     * in the user's notes to self (a direct message of one) their own. Pairs of the primary key, so PostgreSQL
     * finds the rows through it; written as "room in (...) or ..." it would read every room for every status change.
     */
    private static final String SHOWN_TO = """
            select o.room_id, o.user_id from room_subscription s
            join room_view r on r.id = s.room_id and r.type = 'd'
            join room_subscription o on o.room_id = s.room_id and (o.user_id <> s.user_id or r.users_count = 1)
            where s.user_id = ?""";

    private final JdbcTemplate jdbc;

    public RoomViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    void insertRoom(String roomId, String type, String name, String creatorId, boolean readOnly, boolean ro,
                    int usersCount, Instant at) {
        jdbc.update(INSERT_ROOM, roomId, type, name, creatorId, readOnly, ro, usersCount, Timestamp.from(at),
                Timestamp.from(at));
    }

    @Override
    void addMember(String roomId, String userId, Instant at) {
        // Through the room row, so a member added to a room that is already gone leaves nothing behind.
        jdbc.update("""
                insert into room_subscription (room_id, user_id, joined_at, owner, archived)
                select id, ?, ?, false, false from room_view where id = ?
                on conflict do nothing""", userId, Timestamp.from(at), roomId);
        jdbc.update("""
                update room_view set users_count = (select count(*) from room_subscription where room_id = ?),
                                     updated_at = greatest(updated_at, ?)
                where id = ?""", roomId, Timestamp.from(at), roomId);
    }

    @Override
    void insertSubscription(String roomId, String userId, Instant at, boolean archived) {
        jdbc.update(INSERT_SUBSCRIPTION, roomId, userId, Timestamp.from(at), false, archived);
    }

    @Override
    void setOwner(String roomId, String userId, boolean owner) {
        jdbc.update("update room_subscription set owner = ? where room_id = ? and user_id = ?", owner, roomId, userId);
    }

    @Override
    void deleteRoom(String roomId) {
        jdbc.update("delete from room_subscription where room_id = ?", roomId);
        jdbc.update("delete from room_view where id = ?", roomId);
    }

    /**
     * Reads only the other participants' status: user_view is kept by another processor, in no guaranteed order,
     * so it may not show this change yet.
     */
    @Override
    void setStatus(String userId, boolean active, Instant at) {
        if (active) {
            jdbc.update("""
                    update room_view set updated_at = greatest(updated_at, ?),
                           ro = exists (select 1 from room_subscription o join user_view u on u.id = o.user_id
                                        where o.room_id = room_view.id and o.user_id <> ? and u.active = false)
                    where id in (""" + DIRECT_MESSAGES_OF + ")",
                    Timestamp.from(at), userId, userId);
        } else {
            jdbc.update("update room_view set ro = true, updated_at = greatest(updated_at, ?) where id in ("
                    + DIRECT_MESSAGES_OF + ")", Timestamp.from(at), userId);
        }
        jdbc.update("update room_subscription set archived = ? where (room_id, user_id) in (" + SHOWN_TO + ")",
                !active, userId);
    }

    @Override
    void deleteUser(String userId, Instant at) {
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

    /** A user unknown to user_view counts as active: only a recorded deactivation makes a room read-only. */
    @Override
    boolean inactive(String userId) {
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
    public Rebuild rebuild() {
        return new RoomViewRebuild();
    }
}
