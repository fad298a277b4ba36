package chat.lifecycle.query.room;

import chat.lifecycle.events.room.DirectMessageCreated;
import chat.lifecycle.events.room.RoomCreated;
import chat.lifecycle.events.room.RoomDeleted;
import chat.lifecycle.events.room.RoomMemberAdded;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.room.RoomOwnerRemoved;
import chat.lifecycle.events.user.UserDeleted;
import chat.lifecycle.query.replay.Rebuild;
import chat.lifecycle.query.replay.Rebuildable;
import chat.lifecycle.query.room.Rooms.Room;
import chat.lifecycle.query.room.Rooms.Subscription;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What each event does to {@code room_view} and {@code room_subscription}, written once over {@link Rooms}: live,
 * the rows an event touches are loaded from the tables and what changed is written back ({@link RoomTables}); in a
 * replay every row stays in memory until the end. Rooms and subscriptions are only added if absent, counts move only
 * with a subscription added or removed, flags are set to absolute values: applying an event again changes nothing.
 *
 * <p>A direct message's read-only and archived state is not kept here: it follows the participants' status, which
 * {@code user_view} holds, and {@link RoomViews} derives it when a room is read. A status change writes nothing here.
 */
@Component
@ProcessingGroup(RoomViewProjection.GROUP)
public class RoomViewProjection implements Rebuildable {

    public static final String GROUP = "room-view";

    private final Rows rows;

    @Autowired
    public RoomViewProjection(JdbcTemplate jdbc) {
        this(new RoomTables(jdbc));
    }

    RoomViewProjection(Rows rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(RoomCreated event, @Timestamp Instant at) {
        Rooms rooms = rows.none();
        rooms.add(new Room(event.roomId(), event.type(), event.name(), event.creatorId(), event.readOnly(), 0, at,
                at));
        rows.save(rooms);
    }

    /** A member added to a room that is gone leaves nothing behind. */
    @EventHandler
    void on(RoomMemberAdded event, @Timestamp Instant at) {
        Rooms rooms = rows.subscription(event.roomId(), event.userId());
        Room room = rooms.room(event.roomId());
        if (room == null) {
            return;
        }
        if (rooms.subscribe(new Subscription(event.roomId(), event.userId(), at, false))) {
            room.usersCount++;
        }
        room.touch(at);
        rows.save(rooms);
    }

    @EventHandler
    void on(RoomOwnerAdded event) {
        setOwner(event.roomId(), event.userId(), true);
    }

    @EventHandler
    void on(RoomOwnerRemoved event) {
        setOwner(event.roomId(), event.userId(), false);
    }

    private void setOwner(String roomId, String userId, boolean owner) {
        Rooms rooms = rows.subscription(roomId, userId);
        Subscription subscription = rooms.subscription(roomId, userId);
        if (subscription != null) {
            subscription.owner = owner;
            rows.save(rooms);
        }
    }

    @EventHandler
    void on(RoomDeleted event) {
        Rooms rooms = rows.room(event.roomId());
        rooms.delete(event.roomId());
        rows.save(rooms);
    }

    @EventHandler
    void on(DirectMessageCreated event, @Timestamp Instant at) {
        List<String> participants = event.userIds().stream().distinct().toList();
        Rooms rooms = rows.none();
        rooms.add(new Room(event.roomId(), DirectMessageCreated.TYPE, null, null, false, participants.size(), at, at));
        participants.forEach(userId -> rooms.subscribe(new Subscription(event.roomId(), userId, at, false)));
        rows.save(rooms);
    }

    /**
     * As Rocket.Chat does, a deleted user's direct messages go with them, the other participant's subscription
     * included; they leave their channels and groups, which count one member fewer.
     */
    @EventHandler
    void on(UserDeleted event, @Timestamp Instant at) {
        String userId = event.userId();
        Rooms rooms = rows.roomsOf(userId);
        for (String roomId : List.copyOf(rooms.roomsOf(userId))) {
            Room room = rooms.room(roomId);
            if (room != null && room.direct()) {
                rooms.delete(roomId);
            } else {
                rooms.unsubscribe(roomId, userId);
                if (room != null) {
                    room.usersCount--;
                    room.touch(at);
                }
            }
        }
        rows.save(rooms);
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
        InMemory memory = new InMemory();
        return Rebuild.of(new RoomViewProjection(memory), jdbc -> RoomTables.replace(jdbc, memory.all));
    }

    /**
     * Where the rules find the rows an event touches, and leave them changed. Each method but {@link #none} returns
     * the rows named and may return more; the rules change only those.
     */
    interface Rows {

        /** No rows: for an event that only adds rows, which never replace one. */
        Rooms none();

        /** The room and every subscription to it. */
        Rooms room(String roomId);

        /** The room and the user's subscription to it. */
        Rooms subscription(String roomId, String userId);

        /** Every room the user is subscribed to with their subscription; their direct messages with every one. */
        Rooms roomsOf(String userId);

        /** Writes what the rules changed. */
        void save(Rooms rooms);
    }

    /** Every row in memory, for a replay. */
    private static final class InMemory implements Rows {

        private final Rooms all = new Rooms();

        @Override
        public Rooms none() {
            return all;
        }

        @Override
        public Rooms room(String roomId) {
            return all;
        }

        @Override
        public Rooms subscription(String roomId, String userId) {
            return all;
        }

        @Override
        public Rooms roomsOf(String userId) {
            return all;
        }

        @Override
        public void save(Rooms rooms) {
        }
    }
}
