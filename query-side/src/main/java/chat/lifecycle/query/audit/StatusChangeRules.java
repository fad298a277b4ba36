package chat.lifecycle.query.audit;

import chat.lifecycle.events.Audit;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserDeactivated;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;

/**
 * Which events make a row of {@code user_status_change}, and what the row holds: one rule for the live projection,
 * which writes each row as its event comes, and for the rebuild, which writes them in batches.
 */
abstract class StatusChangeRules {

    static final String DELETE = "delete from user_status_change where user_id = ? and sequence_number = ?";
    static final String INSERT = """
            insert into user_status_change (user_id, sequence_number, changed_at, active, actor_id, actor_username,
                                            confirm_relinquish, cause)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";

    @EventHandler
    void on(UserCreated event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(Audit.ACTOR_ID) String actorId, @MetaDataValue(Audit.ACTOR_USERNAME) String actorName,
            @MetaDataValue(Audit.CAUSE) String cause) {
        write(new Row(event.userId(), sequence, at, event.active(), actorId, actorName, false, cause));
    }

    @EventHandler
    void on(UserActivated event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(Audit.ACTOR_ID) String actorId, @MetaDataValue(Audit.ACTOR_USERNAME) String actorName,
            @MetaDataValue(Audit.CAUSE) String cause) {
        write(new Row(event.userId(), sequence, at, true, actorId, actorName, false, cause));
    }

    @EventHandler
    void on(UserDeactivated event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(Audit.ACTOR_ID) String actorId, @MetaDataValue(Audit.ACTOR_USERNAME) String actorName,
            @MetaDataValue(Audit.CAUSE) String cause) {
        write(new Row(event.userId(), sequence, at, false, actorId, actorName, event.confirmRelinquish(), cause));
    }

    /**
     * Writes the row, replacing one from the same event: rows are keyed by the event's place in the user's stream,
     * so writing one again changes nothing.
     */
    abstract void write(Row row);

    record Row(String userId, long sequence, Instant at, boolean active, String actorId, String actorName,
               boolean confirmRelinquish, String cause) {

        Object[] key() {
            return new Object[] {userId, sequence};
        }

        Object[] values() {
            return new Object[] {userId, sequence, Timestamp.from(at), active, actorId, actorName, confirmRelinquish,
                    cause == null ? "unknown" : cause};
        }
    }
}
