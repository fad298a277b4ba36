package chat.lifecycle.query.room;

import chat.lifecycle.events.room.DirectMessageCreated;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Rows of {@code room_view} and {@code room_subscription} in memory: every row during a replay, or only the rows an
 * event touches on the live path, which loads them from the tables and writes back what changed. The rules
 * ({@link RoomViewProjection}) read and change them the same way in both cases.
 */
final class Rooms {

    private final Map<String, Room> rooms = new HashMap<>();
    private final Map<String, Map<String, Subscription>> members = new HashMap<>();
    private final Map<String, Set<String>> roomsOfUser = new HashMap<>();
    /** The changeable columns of the rows as loaded, by key: what the live path compares to write only changes. */
    private final Map<Object, List<Object>> loaded = new HashMap<>();

    Room room(String roomId) {
        return rooms.get(roomId);
    }

    /** Adds the room, unless one of that id is here: a room's row is never replaced. */
    void add(Room room) {
        rooms.putIfAbsent(room.id, room);
    }

    /** Adds the subscription, unless the user has one to that room; whether it was added. */
    boolean subscribe(Subscription subscription) {
        Map<String, Subscription> ofRoom = members.computeIfAbsent(subscription.roomId, id -> new LinkedHashMap<>());
        if (ofRoom.putIfAbsent(subscription.userId, subscription) != null) {
            return false;
        }
        roomsOfUser.computeIfAbsent(subscription.userId, id -> new HashSet<>()).add(subscription.roomId);
        return true;
    }

    Subscription subscription(String roomId, String userId) {
        return members(roomId).get(userId);
    }

    /** The room's subscriptions by user id. */
    Map<String, Subscription> members(String roomId) {
        return members.getOrDefault(roomId, Map.of());
    }

    /** The rooms the user is subscribed to. */
    Set<String> roomsOf(String userId) {
        return roomsOfUser.getOrDefault(userId, Set.of());
    }

    /** The room and every subscription to it. */
    void delete(String roomId) {
        new ArrayList<>(members(roomId).keySet()).forEach(userId -> unsubscribe(roomId, userId));
        rooms.remove(roomId);
    }

    void unsubscribe(String roomId, String userId) {
        Map<String, Subscription> ofRoom = members.get(roomId);
        if (ofRoom != null && ofRoom.remove(userId) != null && ofRoom.isEmpty()) {
            members.remove(roomId);
        }
        Set<String> joined = roomsOfUser.get(userId);
        if (joined != null && joined.remove(roomId) && joined.isEmpty()) {
            roomsOfUser.remove(userId);
        }
    }

    Collection<Room> rooms() {
        return rooms.values();
    }

    Stream<Subscription> subscriptions() {
        return members.values().stream().flatMap(ofRoom -> ofRoom.values().stream());
    }

    /** A row read from the table; its changeable columns are remembered, to tell later whether they changed. */
    void load(Room room) {
        if (!rooms.containsKey(room.id)) {
            add(room);
            loaded.put(room.id, room.changeable());
        }
    }

    void load(Subscription subscription) {
        if (subscribe(subscription)) {
            loaded.put(subscription.key(), subscription.changeable());
        }
    }

    /** The changeable columns of the row of that key as loaded; null if it was not loaded. */
    List<Object> asLoaded(Object key) {
        return loaded.get(key);
    }

    /** The keys of the rows loaded, rooms' and subscriptions'. */
    Set<Object> loadedKeys() {
        return loaded.keySet();
    }

    boolean has(Object key) {
        return key instanceof SubscriptionKey subscription
                ? members(subscription.roomId()).containsKey(subscription.userId()) : rooms.containsKey(key);
    }

    record SubscriptionKey(String roomId, String userId) {
    }

    /** A row of {@code room_view}. */
    static final class Room {

        final String id;
        final String type;
        final String name;
        final String creatorId;
        final boolean readOnly;
        final Instant createdAt;
        int usersCount;
        Instant updatedAt;

        Room(String id, String type, String name, String creatorId, boolean readOnly, int usersCount,
             Instant createdAt, Instant updatedAt) {
            this.id = id;
            this.type = type;
            this.name = name;
            this.creatorId = creatorId;
            this.readOnly = readOnly;
            this.usersCount = usersCount;
            this.createdAt = createdAt;
            this.updatedAt = updatedAt;
        }

        boolean direct() {
            return DirectMessageCreated.TYPE.equals(type);
        }

        /** {@code updated_at} moves on to the instant, never back. */
        void touch(Instant at) {
            if (at.isAfter(updatedAt)) {
                updatedAt = at;
            }
        }

        List<Object> changeable() {
            return List.of(usersCount, updatedAt);
        }

        Object[] values() {
            return new Object[] {id, type, name, creatorId, readOnly, usersCount, Timestamp.from(createdAt),
                    Timestamp.from(updatedAt)};
        }
    }

    /** A row of {@code room_subscription}. */
    static final class Subscription {

        final String roomId;
        final String userId;
        final Instant joinedAt;
        boolean owner;

        Subscription(String roomId, String userId, Instant joinedAt, boolean owner) {
            this.roomId = roomId;
            this.userId = userId;
            this.joinedAt = joinedAt;
            this.owner = owner;
        }

        SubscriptionKey key() {
            return new SubscriptionKey(roomId, userId);
        }

        List<Object> changeable() {
            return List.of(owner);
        }

        Object[] values() {
            return new Object[] {roomId, userId, Timestamp.from(joinedAt), owner};
        }
    }
}
