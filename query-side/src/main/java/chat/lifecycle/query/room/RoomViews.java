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

/** Reads of the {@code room_view} and {@code room_subscription} read models. */
@Component
public class RoomViews {

    private static final String ROOMS = """
            select r.id, r.type, r.name, r.creator_id, c.username creator_username, r.read_only, r.ro,
                   r.users_count, r.created_at, r.updated_at
            from room_view r left join user_view c on c.id = r.creator_id""";

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
        return jdbc.query("""
                select s.room_id, r.type, s.user_id, u.username, s.joined_at, s.owner, s.archived
                from room_subscription s join room_view r on r.id = s.room_id
                     left join user_view u on u.id = s.user_id
                where s.room_id = ? and s.user_id = ?""", (rs, row) -> new Subscription(rs.getString("room_id"),
                rs.getString("type"), new Member(rs.getString("user_id"), rs.getString("username")),
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
