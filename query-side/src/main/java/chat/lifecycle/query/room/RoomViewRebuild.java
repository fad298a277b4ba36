package chat.lifecycle.query.room;

import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.query.replay.Rebuild;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code room_view} and {@code room_subscription} rebuilt in memory (see {@link RoomViewRules}), written at the
 * end. The live projection reads the users' status from {@code user_view}; the rebuild follows the same facts
 * itself (who is known, who is inactive), so a room-view rebuild does not depend on the user view's.
 */
class RoomViewRebuild extends RoomViewRules implements Rebuild {

    private final Map<String, Room> rooms = new HashMap<>();
    private final Map<String, Map<String, Subscription>> subscriptions = new HashMap<>();
    private final Map<String, Set<String>> roomsOfUser = new HashMap<>();
    /** As user_view has it: known users and whether they are active. */
    private final Map<String, Boolean> active = new HashMap<>();

    @EventHandler
    void on(UserCreated event) {
        active.put(event.userId(), event.active());
    }

    @Override
    void insertRoom(String roomId, String type, String name, String creatorId, boolean readOnly, boolean ro,
                    int usersCount, Instant at) {
        rooms.putIfAbsent(roomId, new Room(roomId, type, name, creatorId, readOnly, ro, usersCount, at));
    }

    @Override
    void addMember(String roomId, String userId, Instant at) {
        Room room = rooms.get(roomId);
        if (room != null) {
            insertSubscription(roomId, userId, at, false);
            room.usersCount = members(roomId).size();
            room.touch(at);
        }
    }

    @Override
    void insertSubscription(String roomId, String userId, Instant at, boolean archived) {
        subscriptions.computeIfAbsent(roomId, id -> new LinkedHashMap<>())
                .putIfAbsent(userId, new Subscription(roomId, userId, at, archived));
        roomsOfUser.computeIfAbsent(userId, id -> new HashSet<>()).add(roomId);
    }

    @Override
    void setOwner(String roomId, String userId, boolean owner) {
        Subscription subscription = members(roomId).get(userId);
        if (subscription != null) {
            subscription.owner = owner;
        }
    }

    @Override
    void deleteRoom(String roomId) {
        new ArrayList<>(members(roomId).keySet()).forEach(userId -> unsubscribe(roomId, userId));
        rooms.remove(roomId);
    }

    @Override
    void setStatus(String userId, boolean nowActive, Instant at) {
        for (String roomId : directMessagesOf(userId)) {
            Room room = rooms.get(roomId);
            room.touch(at);
            room.ro = !nowActive || members(roomId).keySet().stream()
                    .anyMatch(other -> !other.equals(userId) && inactive(other));
            members(roomId).forEach((memberId, subscription) -> {
                if (!memberId.equals(userId) || room.usersCount == 1) {
                    subscription.archived = !nowActive;
                }
            });
        }
        active.computeIfPresent(userId, (id, was) -> nowActive);
    }

    @Override
    void deleteUser(String userId, Instant at) {
        Set<String> joined = new HashSet<>(roomsOfUser.getOrDefault(userId, Set.of()));
        for (String roomId : directMessagesOf(userId)) {
            new ArrayList<>(members(roomId).keySet()).stream().filter(id -> !id.equals(userId))
                    .forEach(id -> unsubscribe(roomId, id));
            rooms.remove(roomId);
        }
        joined.forEach(roomId -> unsubscribe(roomId, userId));
        for (String roomId : joined) {
            Room room = rooms.get(roomId);
            if (room != null) {
                room.usersCount = members(roomId).size();
                room.touch(at);
            }
        }
        active.remove(userId);
    }

    @Override
    boolean inactive(String userId) {
        return Boolean.FALSE.equals(active.get(userId));
    }

    @Override
    public void replace(JdbcTemplate jdbc) {
        jdbc.update("delete from room_subscription");
        jdbc.update("delete from room_view");
        Rebuild.batch(jdbc, RoomViewProjection.INSERT_ROOM, rooms.values(), Room::values);
        Rebuild.batch(jdbc, RoomViewProjection.INSERT_SUBSCRIPTION,
                subscriptions.values().stream().flatMap(members -> members.values().stream()).toList(),
                Subscription::values);
    }

    private List<String> directMessagesOf(String userId) {
        return roomsOfUser.getOrDefault(userId, Set.of()).stream()
                .filter(roomId -> rooms.containsKey(roomId) && "d".equals(rooms.get(roomId).type)).toList();
    }

    private Map<String, Subscription> members(String roomId) {
        return subscriptions.getOrDefault(roomId, Map.of());
    }

    private void unsubscribe(String roomId, String userId) {
        Map<String, Subscription> members = subscriptions.get(roomId);
        if (members != null && members.remove(userId) != null && members.isEmpty()) {
            subscriptions.remove(roomId);
        }
        Set<String> joined = roomsOfUser.get(userId);
        if (joined != null && joined.remove(roomId) && joined.isEmpty()) {
            roomsOfUser.remove(userId);
        }
    }

    private static final class Room {

        private final String id;
        private final String type;
        private final String name;
        private final String creatorId;
        private final boolean readOnly;
        private final Instant createdAt;
        private boolean ro;
        private int usersCount;
        private Instant updatedAt;

        Room(String id, String type, String name, String creatorId, boolean readOnly, boolean ro, int usersCount,
             Instant at) {
            this.id = id;
            this.type = type;
            this.name = name;
            this.creatorId = creatorId;
            this.readOnly = readOnly;
            this.ro = ro;
            this.usersCount = usersCount;
            this.createdAt = at;
            this.updatedAt = at;
        }

        void touch(Instant at) {
            if (at.isAfter(updatedAt)) {
                updatedAt = at;
            }
        }

        Object[] values() {
            return new Object[] {id, type, name, creatorId, readOnly, ro, usersCount, Timestamp.from(createdAt),
                    Timestamp.from(updatedAt)};
        }
    }

    private static final class Subscription {

        private final String roomId;
        private final String userId;
        private final Instant joinedAt;
        private boolean owner;
        private boolean archived;

        Subscription(String roomId, String userId, Instant joinedAt, boolean archived) {
            this.roomId = roomId;
            this.userId = userId;
            this.joinedAt = joinedAt;
            this.archived = archived;
        }

        Object[] values() {
            return new Object[] {roomId, userId, Timestamp.from(joinedAt), owner, archived};
        }
    }
}
