package chat.lifecycle.query.room;

import chat.lifecycle.events.room.DirectMessageCreated;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads of the {@code room_view} and {@code room_subscription} read models. A direct message's state follows its
 * participants' status as {@code user_view} holds it, derived here on each read: the room is read-only while a
 * participant is inactive, a participant's subscription archived while the other one is (their own, in a note to
 * self), and its {@code _updatedAt} moves with the participants' rows. A user unknown there (deleted) counts as active.
 */
@Component
public class RoomViews {

    /** The room {@code r}'s participants, as {@code p}, with their {@code user_view} rows, as {@code u}. */
    private static final String PARTICIPANTS = """
            from room_subscription p join user_view u on u.id = p.user_id where p.room_id = r.id""";

    private static final String ROOMS = """
            select r.id, r.type, r.name, r.creator_id, c.username creator_username, r.read_only,
                   r.read_only or r.type = 'd' and exists (select 1 %1$s and u.active = false) ro,
                   r.users_count, r.created_at,
                   case when r.type = 'd'
                        then greatest(r.updated_at, coalesce((select max(u.updated_at) %1$s), r.updated_at))
                        else r.updated_at end updated_at
            from room_view r left join user_view c on c.id = r.creator_id""".formatted(PARTICIPANTS);

    private static final String SUBSCRIPTION = """
            select s.room_id, r.type, s.user_id, m.username, s.joined_at, s.owner,
                   r.type = 'd' and exists (select 1 %s and u.active = false
                                            and (p.user_id <> s.user_id or r.users_count = 1)) archived
            from room_subscription s join room_view r on r.id = s.room_id left join user_view m on m.id = s.user_id
            where s.room_id = ? and s.user_id = ?""".formatted(PARTICIPANTS);

    private static final RowMapper<Member> MEMBER = (rs, row) -> new Member(rs.getString("user_id"),
            rs.getString("username"));

    private final JdbcTemplate jdbc;

    public RoomViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RoomView> byId(String id) {
        return jdbc.query(ROOMS + " where r.id = ?", this::room, id).stream().findFirst();
    }

    /** Channels and groups by their exact name; direct messages have none. */
    public Optional<RoomView> byName(String name) {
        return jdbc.query(ROOMS + " where r.name = ?", this::room, name).stream().findFirst();
    }

    /** Everyone subscribed, by user id: a direct message's participants in the order of its id list. */
    public List<Member> members(String roomId) {
        return jdbc.query("""
                select s.user_id, u.username from room_subscription s left join user_view u on u.id = s.user_id
                where s.room_id = ? order by s.user_id""", MEMBER, roomId);
    }

    /** The room's owners, the longest-standing member first. */
    public List<Member> owners(String roomId) {
        return jdbc.query("""
                select s.user_id, u.username from room_subscription s left join user_view u on u.id = s.user_id
                where s.room_id = ? and s.owner = true order by s.joined_at, s.user_id""", MEMBER, roomId);
    }

    public Optional<Subscription> subscription(String roomId, String userId) {
        return jdbc.query(SUBSCRIPTION, (rs, row) -> new Subscription(rs.getString("room_id"), rs.getString("type"),
                new Member(rs.getString("user_id"), rs.getString("username")),
                rs.getTimestamp("joined_at").toInstant(), rs.getBoolean("owner"), rs.getBoolean("archived")),
                roomId, userId).stream().findFirst();
    }

    private RoomView room(ResultSet rs, int row) throws SQLException {
        String creatorId = rs.getString("creator_id");
        return new RoomView(rs.getString("id"), rs.getString("type"), rs.getString("name"),
                creatorId == null ? null : new Member(creatorId, rs.getString("creator_username")),
                rs.getBoolean("read_only"), rs.getBoolean("ro"), rs.getInt("users_count"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    /** {@code creator} is null for a direct message; {@code ro} is the effective flag, {@code readOnly} its own. */
    public record RoomView(String id, String type, String name, Member creator, boolean readOnly, boolean ro,
                           int usersCount, Instant createdAt, Instant updatedAt) {

        public boolean direct() {
            return DirectMessageCreated.TYPE.equals(type);
        }
    }

    /** A user as rooms show them; {@code username} is null once the user is gone from user_view. */
    public record Member(String userId, String username) {
    }

    public record Subscription(String roomId, String roomType, Member user, Instant joinedAt, boolean owner,
                               boolean archived) {
    }
}
