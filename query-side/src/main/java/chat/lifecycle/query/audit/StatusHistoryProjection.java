package chat.lifecycle.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.RowCallbackHandler;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import chat.lifecycle.query.replay.Rebuild;
import chat.lifecycle.query.replay.Rebuildable;
import org.axonframework.config.ProcessingGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The audit trail of a user's active status: one row per real change, creation included, with who made it, when
 * and through which route or process. Keyed by the event's sequence in the user's stream, so a replay writes the
 * same rows again instead of new ones.
 */
@Component
@ProcessingGroup(StatusHistoryProjection.GROUP)
public class StatusHistoryProjection extends StatusChangeRules implements Rebuildable {

    public static final String GROUP = "status-history";

    private static final RowMapper<StatusChange> CHANGE = (rs, row) -> new StatusChange(
            rs.getTimestamp("changed_at").toInstant(), rs.getBoolean("active"), rs.getString("actor_id"),
            rs.getString("actor_username"), rs.getBoolean("confirm_relinquish"), rs.getString("cause"),
            (Integer) rs.getObject("credential_epoch"), null);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public StatusHistoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
                order by sequence_number desc limit 1""", CHANGE, userId, Timestamp.from(at)).stream().findFirst();
    }

    @Override
    void write(Row row) {
        jdbc.update(WRITE, row.values());
    }

    @Override
    void writeReceipt(Object[] values) {
        jdbc.update(WRITE_RECEIPT, values);
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

    @Override
    public Rebuild rebuild() {
        return new StatusHistoryRebuild();
    }
}
