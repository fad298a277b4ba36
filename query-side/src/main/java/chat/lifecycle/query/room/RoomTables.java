package chat.lifecycle.query.room;

import chat.lifecycle.query.replay.Rebuild;
import chat.lifecycle.query.replay.Table;
import chat.lifecycle.query.room.Rooms.Room;
import chat.lifecycle.query.room.Rooms.Subscription;
import chat.lifecycle.query.room.Rooms.SubscriptionKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The live rows of the room read model: for each event, the rows it touches are read in one query, and what the
 * rules changed is written back by primary key, one batch per kind of change.
 */
class RoomTables implements RoomViewProjection.Rows {

    private static final Table ROOM_VIEW = new Table("room_view", "id", "type", "name", "creator_id", "read_only",
            "users_count", "created_at", "updated_at");
    private static final Table ROOM_SUBSCRIPTION = new Table("room_subscription", "room_id", "user_id", "joined_at",
            "owner");
    private static final String INSERT_ROOM = ROOM_VIEW.insert() + " on conflict do nothing";
    private static final String INSERT_SUBSCRIPTION = ROOM_SUBSCRIPTION.insert() + " on conflict do nothing";

    private static final String ROWS = """
            select r.id, r.type, r.name, r.creator_id, r.read_only, r.users_count, r.created_at, r.updated_at,
                   s.room_id, s.user_id, s.joined_at, s.owner""";

    private final JdbcTemplate jdbc;

    RoomTables(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Rooms none() {
        return new Rooms();
    }

    @Override
    public Rooms room(String roomId) {
        return load(ROWS + " from room_view r left join room_subscription s on s.room_id = r.id where r.id = ?",
                roomId);
    }

    @Override
    public Rooms subscription(String roomId, String userId) {
        return load(ROWS + """
                 from room_view r left join room_subscription s on s.room_id = r.id and s.user_id = ?
                where r.id = ?""", userId, roomId);
    }

    @Override
    public Rooms roomsOf(String userId) {
        return load(ROWS + """
                 from room_subscription m left join room_view r on r.id = m.room_id
                     join room_subscription s on s.room_id = m.room_id and (s.user_id = m.user_id or r.type = 'd')
                where m.user_id = ?""", userId);
    }

    /** New rows inserted, changed ones updated, rows loaded and gone deleted: subscriptions before their room. */
    @Override
    public void save(Rooms rooms) {
        List<Object[]> goneSubscriptions = new ArrayList<>();
        List<Object[]> goneRooms = new ArrayList<>();
        for (Object key : rooms.loadedKeys()) {
            if (!rooms.has(key)) {
                if (key instanceof SubscriptionKey subscription) {
                    goneSubscriptions.add(new Object[] {subscription.roomId(), subscription.userId()});
                } else {
                    goneRooms.add(new Object[] {key});
                }
            }
        }
        List<Room> newRooms = new ArrayList<>();
        List<RoomChange> changedRooms = new ArrayList<>();
        for (Room room : rooms.rooms()) {
            List<Object> loaded = rooms.asLoaded(room.id);
            if (loaded == null) {
                newRooms.add(room);
            } else if (!loaded.equals(room.changeable())) {
                changedRooms.add(new RoomChange(room, room.usersCount - (Integer) loaded.get(0)));
            }
        }
        List<Subscription> newSubscriptions = new ArrayList<>();
        List<Subscription> changedSubscriptions = new ArrayList<>();
        rooms.subscriptions().forEach(subscription -> {
            List<Object> loaded = rooms.asLoaded(subscription.key());
            if (loaded == null) {
                newSubscriptions.add(subscription);
            } else if (!loaded.equals(subscription.changeable())) {
                changedSubscriptions.add(subscription);
            }
        });
        write("delete from room_subscription where room_id = ? and user_id = ?", goneSubscriptions, row -> row);
        write("delete from room_view where id = ?", goneRooms, row -> row);
        write(INSERT_ROOM, newRooms, Room::values);
        write(INSERT_SUBSCRIPTION, newSubscriptions, Subscription::values);
        // The count moves by what this event changed, not to what it counted: another transaction may have moved it
        // since this one read the row (a member added while another member's deletion removes a subscription).
        write("update room_view set users_count = users_count + ?, updated_at = ? where id = ?", changedRooms,
                change -> new Object[] {change.addedUsers(), Timestamp.from(change.room().updatedAt),
                        change.room().id});
        write("update room_subscription set owner = ? where room_id = ? and user_id = ?", changedSubscriptions,
                subscription -> new Object[] {subscription.owner, subscription.roomId, subscription.userId});
    }

    /** A room row changed by an event, and how many users it added to the room's count (negative: removed). */
    private record RoomChange(Room room, int addedUsers) {
    }

    /** What the read model holds replaced by these rows. */
    static void replace(JdbcTemplate jdbc, Rooms rooms) {
        jdbc.update("delete from room_subscription");
        jdbc.update("delete from room_view");
        ROOM_VIEW.load(jdbc, rooms.rooms(), Room::values);
        ROOM_SUBSCRIPTION.load(jdbc, rooms.subscriptions().toList(), Subscription::values);
    }

    private <T> void write(String sql, List<T> rows, Function<T, Object[]> values) {
        if (!rows.isEmpty()) {
            Rebuild.batch(jdbc, sql, rows, values);
        }
    }

    private Rooms load(String sql, Object... keys) {
        Rooms rooms = new Rooms();
        jdbc.query(sql, (RowCallbackHandler) rs -> {
            if (rs.getString(1) != null) {
                rooms.load(room(rs));
            }
            if (rs.getString(9) != null) {
                rooms.load(new Subscription(rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant(),
                        rs.getBoolean(12)));
            }
        }, keys);
        return rooms;
    }

    private static Room room(ResultSet rs) throws SQLException {
        return new Room(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
                rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant());
    }
}
