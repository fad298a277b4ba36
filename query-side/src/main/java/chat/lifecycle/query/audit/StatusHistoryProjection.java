package chat.lifecycle.query.audit;

import chat.lifecycle.events.Audit;
import chat.lifecycle.events.user.DeactivationCleanupCompleted;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import chat.lifecycle.platform.store.SqlTime;
import chat.lifecycle.query.replay.Rebuild;
import chat.lifecycle.query.replay.Rebuildable;
import chat.lifecycle.query.replay.Table;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The audit trail of a user's active status: one row per real change, creation included, with who made it, when
 * and through which route or process, and the receipt of each deactivation's cleanup. Every row comes from one
 * event and is written again over itself by a replay, so the rules below serve both: live each row is one
 * statement, queued in the event's transaction ({@link QueuedWritesJdbcTemplate}); a replay gathers them and writes
 * them in bulk.
 */
@Component
@ProcessingGroup(StatusHistoryProjection.GROUP)
public class StatusHistoryProjection implements Rebuildable {

    public static final String GROUP = "status-history";

    /**
     * Writes the row of an event, or writes it again over the one already there (a replay after a rule changed):
     * one statement. The casts type the parameters, which a values list alone leaves untyped.
     */
    static final String WRITE = """
            merge into user_status_change c
            using (values (cast(? as varchar(64)), cast(? as bigint), cast(? as timestamp with time zone),
                           cast(? as boolean), cast(? as varchar(64)), cast(? as varchar(255)), cast(? as boolean),
                           cast(? as varchar(128)), cast(? as integer)))
                  as v (user_id, sequence_number, changed_at, active, actor_id, actor_username, confirm_relinquish,
                        cause, credential_epoch)
            on c.user_id = v.user_id and c.sequence_number = v.sequence_number
            when matched then update set changed_at = v.changed_at, active = v.active, actor_id = v.actor_id,
                    actor_username = v.actor_username, confirm_relinquish = v.confirm_relinquish, cause = v.cause,
                    credential_epoch = v.credential_epoch
            when not matched then insert (user_id, sequence_number, changed_at, active, actor_id, actor_username,
                                          confirm_relinquish, cause, credential_epoch)
                    values (v.user_id, v.sequence_number, v.changed_at, v.active, v.actor_id, v.actor_username,
                            v.confirm_relinquish, v.cause, v.credential_epoch)""";

    /** Writes a deactivation's receipt, or writes it again over the same one: one statement. */
    static final String WRITE_RECEIPT = """
            merge into deactivation_receipt r
            using (values (cast(? as varchar(64)), cast(? as integer), cast(? as varchar(1000000))))
                  as v (user_id, credential_epoch, receipt)
            on r.user_id = v.user_id and r.credential_epoch = v.credential_epoch
            when matched then update set receipt = v.receipt
            when not matched then insert (user_id, credential_epoch, receipt)
                    values (v.user_id, v.credential_epoch, v.receipt)""";

    private static final Table CHANGES = new Table("user_status_change", "user_id", "sequence_number", "changed_at",
            "active", "actor_id", "actor_username", "confirm_relinquish", "cause", "credential_epoch");
    private static final Table RECEIPT_ROWS = new Table("deactivation_receipt", "user_id", "credential_epoch",
            "receipt");

    /**
     * How a replay writes each statement's gathered rows: in bulk, over the rows of the same key, with the row's
     * statement where the database takes no bulk form ({@link Table#upsert}).
     */
    private static final Map<String, BiConsumer<JdbcTemplate, List<Object[]>>> IN_BULK = Map.of(
            WRITE, (jdbc, rows) -> CHANGES.upsert(jdbc, List.of("user_id", "sequence_number"), rows, row -> row,
                    WRITE),
            WRITE_RECEIPT, (jdbc, rows) -> RECEIPT_ROWS.upsert(jdbc, List.of("user_id", "credential_epoch"), rows,
                    row -> row, WRITE_RECEIPT));

    private static final ObjectMapper RECEIPTS = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final RowMapper<StatusChange> CHANGE = (rs, row) -> new StatusChange(
            rs.getTimestamp("changed_at").toInstant(), rs.getBoolean("active"), rs.getString("actor_id"),
            rs.getString("actor_username"), rs.getBoolean("confirm_relinquish"), rs.getString("cause"),
            (Integer) rs.getObject("credential_epoch"), null);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    /** A statement and its arguments: queued in the event's transaction live, gathered by a replay. */
    private final BiConsumer<String, Object[]> writes;

    @Autowired
    public StatusHistoryProjection(QueuedWritesJdbcTemplate jdbc) {
        this(jdbc, jdbc::updateLater);
    }

    private StatusHistoryProjection(JdbcTemplate jdbc, BiConsumer<String, Object[]> writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /**
     * Every change of the user's status, oldest first; empty for a user who never existed. A deactivation comes with
     * the receipt of its cleanup: the first one recorded for its credential epoch or a later one (a later
     * deactivation's cleanup covers an earlier one still running), or none yet.
     */
    public List<StatusChange> history(String userId) {
        List<StatusChange> changes = jdbc.query("""
                select changed_at, active, actor_id, actor_username, confirm_relinquish, cause, credential_epoch
                from user_status_change where user_id = ? order by sequence_number""", CHANGE, userId);
        if (changes.stream().allMatch(StatusChange::active)) {
            return changes;
        }
        TreeMap<Integer, String> receipts = new TreeMap<>();
        jdbc.query("select credential_epoch, receipt from deactivation_receipt where user_id = ?",
                (RowCallbackHandler) rs -> receipts.put(rs.getInt(1), rs.getString(2)), userId);
        return changes.stream().map(change -> change.active() || change.credentialEpoch() == null ? change
                : change.withCleanup(receipt(receipts.ceilingEntry(change.credentialEpoch())))).toList();
    }

    private static JsonNode receipt(Map.Entry<Integer, String> entry) {
        try {
            return entry == null ? null : JSON.readTree(entry.getValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable receipt", e);
        }
    }

    /** The last change at or before the instant: the status the user had then. */
    public Optional<StatusChange> asOf(String userId, Instant at) {
        return jdbc.query("""
                select changed_at, active, actor_id, actor_username, confirm_relinquish, cause, credential_epoch
                from user_status_change where user_id = ? and changed_at <= ?
                order by sequence_number desc limit 1""", CHANGE, userId, SqlTime.of(at)).stream().findFirst();
    }

    @EventHandler
    void on(UserCreated event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(Audit.ACTOR_ID) String actorId, @MetaDataValue(Audit.ACTOR_USERNAME) String actorName,
            @MetaDataValue(Audit.CAUSE) String cause) {
        write(new Row(event.userId(), sequence, at, event.active(), actorId, actorName, false, cause, null));
    }

    @EventHandler
    void on(UserActivated event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(Audit.ACTOR_ID) String actorId, @MetaDataValue(Audit.ACTOR_USERNAME) String actorName,
            @MetaDataValue(Audit.CAUSE) String cause) {
        write(new Row(event.userId(), sequence, at, true, actorId, actorName, false, cause, null));
    }

    @EventHandler
    void on(UserDeactivated event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(Audit.ACTOR_ID) String actorId, @MetaDataValue(Audit.ACTOR_USERNAME) String actorName,
            @MetaDataValue(Audit.CAUSE) String cause) {
        write(new Row(event.userId(), sequence, at, false, actorId, actorName, event.confirmRelinquish(), cause,
                event.credentialEpoch()));
    }

    /** Writes the row, or writes it again over the one from the same event. */
    private void write(Row row) {
        writes.accept(WRITE, row.values());
    }

    /** The receipt, without the user and epoch it is keyed by, as the history serves it. */
    @EventHandler
    void on(DeactivationCleanupCompleted event) {
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("completedAt", event.completedAt());
        receipt.put("deleted", event.deleted());
        receipt.put("rooms", event.rooms());
        receipt.put("directMessages", event.directMessages());
        receipt.put("steps", event.steps());
        try {
            writes.accept(WRITE_RECEIPT,
                    new Object[] {event.userId(), event.credentialEpoch(), RECEIPTS.writeValueAsString(receipt)});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("receipt of " + event.userId() + " not writable", e);
        }
    }

    /** {@code cleanup}: a deactivation's receipt, null while its cleanup is pending (and for an activation). */
    public record StatusChange(Instant at, boolean active, String actorId, String actorUsername,
                               boolean confirmRelinquish, String cause, Integer credentialEpoch, JsonNode cleanup) {

        StatusChange withCleanup(JsonNode receipt) {
            return new StatusChange(at, active, actorId, actorUsername, confirmRelinquish, cause, credentialEpoch,
                    receipt);
        }
    }

    @Override
    public String processingGroup() {
        return GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("user_status_change", "deactivation_receipt");
    }

    /** No row goes but by being rewritten: every row comes from an event, and events stay. */
    @Override
    public Rebuild rebuild() {
        Map<String, List<Object[]>> gathered = new LinkedHashMap<>();
        StatusHistoryProjection rules = new StatusHistoryProjection(jdbc,
                (sql, values) -> gathered.computeIfAbsent(sql, statement -> new ArrayList<>()).add(values));
        Supplier<Consumer<JdbcTemplate>> drain = () -> {
            Map<String, List<Object[]>> rows = new LinkedHashMap<>(gathered);
            gathered.clear();
            return writer -> rows.forEach((sql, values) -> IN_BULK.get(sql).accept(writer, values));
        };
        return Rebuild.of(rules, drain, jdbc -> drain.get().accept(jdbc));
    }

    /** A row of {@code user_status_change}: rows are keyed by the event's place in the user's stream. */
    private record Row(String userId, long sequence, Instant at, boolean active, String actorId, String actorName,
                       boolean confirmRelinquish, String cause, Integer credentialEpoch) {

        Object[] values() {
            return new Object[] {userId, sequence, Timestamp.from(at), active, actorId, actorName, confirmRelinquish,
                    cause == null ? "unknown" : cause, credentialEpoch};
        }
    }
}

