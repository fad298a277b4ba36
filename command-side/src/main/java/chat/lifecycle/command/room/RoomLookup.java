package chat.lifecycle.command.room;

import chat.lifecycle.command.user.UserAccounts;
import chat.lifecycle.events.room.DirectMessageCreated;
import chat.lifecycle.events.room.RoomCreated;
import chat.lifecycle.events.room.RoomDeleted;
import chat.lifecycle.events.room.RoomMemberAdded;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.room.RoomOwnerRemoved;
import chat.lifecycle.events.user.UserDeleted;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import chat.lifecycle.platform.store.SqlTime;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.stereotype.Component;

/** The command side's room lookups ({@code room_lookup}, {@code room_member}) and the reads the routes need. */
@Component
@ProcessingGroup(UserAccounts.GROUP)
public class RoomLookup {

    private final QueuedWritesJdbcTemplate jdbc;

    public RoomLookup(QueuedWritesJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RoomCreated event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                insert into room_lookup (id, type, name, name_key, creator_id, read_only, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""",
                event.roomId(), event.type(), event.name(), key(event.name()), event.creatorId(), event.readOnly(),
                Timestamp.from(at));
    }

    @EventHandler
    void on(DirectMessageCreated event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("insert into room_lookup (id, type, read_only, created_at) values (?, 'd', false, ?)",
                event.roomId(), Timestamp.from(at));
        event.userIds().stream().distinct().forEach(userId -> addMember(event.roomId(), userId, sequence, at));
    }

    @EventHandler
    void on(RoomMemberAdded event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        addMember(event.roomId(), event.userId(), sequence, at);
    }

    @EventHandler
    void on(RoomOwnerAdded event) {
        jdbc.update("update room_member set owner = true where room_id = ? and user_id = ?", event.roomId(),
                event.userId());
    }

    @EventHandler
    void on(RoomOwnerRemoved event) {
        jdbc.update("update room_member set owner = false where room_id = ? and user_id = ?", event.roomId(),
                event.userId());
    }

    @EventHandler
    void on(RoomDeleted event) {
        jdbc.update("delete from room_lookup where id = ?", event.roomId());
    }

    @EventHandler
    void on(UserDeleted event) {
        jdbc.update("delete from room_member where user_id = ?", event.userId());
    }

    private void addMember(String roomId, String userId, long sequence, Instant at) {
        jdbc.update("""
                insert into room_member (room_id, user_id, joined_at, join_sequence, owner)
                values (?, ?, ?, ?, false)""", roomId, userId, Timestamp.from(at), sequence);
    }

    public Optional<RoomEntry> byId(String roomId) {
        return jdbc.query("""
                select r.id, r.type, r.name, r.creator_id, u.username, r.read_only, r.created_at,
                       (select count(*) from room_member m where m.room_id = r.id) as members
                from room_lookup r left join user_account u on u.id = r.creator_id where r.id = ?""",
                (rs, row) -> new RoomEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getTimestamp(7).toInstant(), rs.getInt(8)),
                roomId).stream().findFirst();
    }

    public boolean nameTaken(String name) {
        return !jdbc.queryForList("select id from room_lookup where name_key = ?", String.class, key(name))
                .isEmpty();
    }

    public boolean isMember(String roomId, String userId) {
        return !jdbc.queryForList("select user_id from room_member where room_id = ? and user_id = ?",
                String.class, roomId, userId).isEmpty();
    }

    /** An owner of the room other than the user, the earliest-joined. */
    Optional<String> ownerBesides(String roomId, String userId) {
        return jdbc.queryForList("""
                select user_id from room_member where room_id = ? and owner and user_id <> ?
                order by join_sequence, user_id""", String.class, roomId, userId).stream().findFirst();
    }

    public boolean isOwner(String roomId, String userId) {
        return !jdbc.queryForList("select user_id from room_member where room_id = ? and user_id = ? and owner",
                String.class, roomId, userId).isEmpty();
    }

    /**
     * The channels and groups that depend on the user, oldest first: those the user is the only owner of, each with
     * the earliest-joined active member other than the user (null when there is none), and the private groups the
     * user is the only member of; then the user's direct messages, by id. One statement, since every deactivation
     * runs it: its last-owner check, whose direct messages its cleanup takes (a saga's plan ignores them). The
     * successor is looked for only in the rooms the user alone owns.
     */
    List<DependentRoom> dependingOn(String userId, Instant joinedBy) {
        return dependingOnLater(userId, joinedBy).get();
    }

    /** {@link #dependingOn}, queued with the transaction's writes ({@link QueuedWritesJdbcTemplate#queryLater}). */
    Supplier<List<DependentRoom>> dependingOnLater(String userId, Instant joinedBy) {
        return jdbc.queryLater("""
                select id, type, name, sole_owner, alone, successor
                from (select id, type, name, created_at, sole_owner, alone,
                             case when sole_owner then
                                 (select s.user_id from room_member s join user_account u on u.id = s.user_id
                                  where s.room_id = d.id and s.user_id <> ? and u.active
                                  order by s.join_sequence, s.user_id limit 1) end as successor
                      from (select r.id, r.type, r.name, r.created_at,
                                   m.owner and not exists (select 1 from room_member o where o.room_id = r.id
                                                           and o.owner and o.user_id <> m.user_id) as sole_owner,
                                   not exists (select 1 from room_member o
                                               where o.room_id = r.id and o.user_id <> m.user_id) as alone
                            from room_lookup r join room_member m on m.room_id = r.id
                            where m.user_id = ? and r.type in ('c', 'p') and m.joined_at <= ?) d
                      where sole_owner or (type = 'p' and alone)
                      union all
                      select r.id, r.type, null, null, false, false, null
                      from room_lookup r join room_member m on m.room_id = r.id
                      where m.user_id = ? and r.type = 'd') rooms
                order by type = 'd', created_at, id""",
                new RowMapperResultSetExtractor<>((rs, row) -> new DependentRoom(rs.getString("id"),
                        rs.getString("type"), rs.getString("name"), rs.getBoolean("sole_owner"),
                        rs.getBoolean("alone"), rs.getString("successor"))),
                userId, userId, SqlTime.of(joinedBy == null ? ANY_TIME : joinedBy), userId);
    }

    /**
     * Those of the rooms that exist and have no owner, each with its earliest-joined active member (or null), and
     * whether it has no member at all ({@code alone}: the member it had is gone).
     */
    List<DependentRoom> withoutOwner(List<String> roomIds) {
        if (roomIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", roomIds.stream().map(id -> "?").toList());
        return jdbc.query("""
                select r.id, r.type, r.name,
                       (select s.user_id from room_member s join user_account u on u.id = s.user_id
                        where s.room_id = r.id and u.active order by s.join_sequence, s.user_id limit 1) as successor,
                       not exists (select 1 from room_member o where o.room_id = r.id) as alone
                from room_lookup r
                where r.id in (%s) and not exists (select 1 from room_member o where o.room_id = r.id and o.owner)
                order by r.created_at, r.id""".formatted(marks),
                (rs, row) -> new DependentRoom(rs.getString("id"), rs.getString("type"), rs.getString("name"), true,
                        rs.getBoolean("alone"), rs.getString("successor")),
                roomIds.toArray());
    }

    /** Later than any join: no bound. */
    private static final Instant ANY_TIME = Instant.parse("9999-12-31T00:00:00Z");

    List<String> directMessagesOf(String userId) {
        return jdbc.queryForList("""
                select r.id from room_lookup r join room_member m on m.room_id = r.id
                where m.user_id = ? and r.type = 'd' order by r.id""", String.class, userId);
    }

    /** A room that depends on a leaving user; see {@link #dependingOn}. */
    record DependentRoom(String id, String type, String name, boolean soleOwner, boolean alone, String successor) {
    }

    private static String key(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    public record RoomEntry(String id, String type, String name, String creatorId, String creatorUsername,
                            boolean readOnly, Instant createdAt, int members) {
    }
}
