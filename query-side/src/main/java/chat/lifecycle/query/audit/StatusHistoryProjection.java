package chat.lifecycle.query.audit;

import java.sql.Timestamp;
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
            rs.getString("actor_username"), rs.getBoolean("confirm_relinquish"), rs.getString("cause"));

    private final JdbcTemplate jdbc;

    public StatusHistoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every change of the user's status, oldest first; empty for a user who never existed. */
    public List<StatusChange> history(String userId) {
        return jdbc.query("""
                select changed_at, active, actor_id, actor_username, confirm_relinquish, cause
                from user_status_change where user_id = ? order by sequence_number""", CHANGE, userId);
    }

    /** The last change at or before the instant: the status the user had then. */
    public Optional<StatusChange> asOf(String userId, Instant at) {
        return jdbc.query("""
                select changed_at, active, actor_id, actor_username, confirm_relinquish, cause
                from user_status_change where user_id = ? and changed_at <= ?
                order by sequence_number desc limit 1""", CHANGE, userId, Timestamp.from(at)).stream().findFirst();
    }

    @Override
    void write(Row row) {
        jdbc.update(WRITE, row.values());
    }

    public record StatusChange(Instant at, boolean active, String actorId, String actorUsername,
                               boolean confirmRelinquish, String cause) {
    }

    @Override
    public String processingGroup() {
        return GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("user_status_change");
    }

    @Override
    public Rebuild rebuild() {
        return new StatusHistoryRebuild();
    }
}
