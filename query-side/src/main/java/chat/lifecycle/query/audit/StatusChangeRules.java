package chat.lifecycle.query.audit;

import chat.lifecycle.events.Audit;
import chat.lifecycle.events.user.DeactivationCleanupCompleted;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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
            writeReceipt(new Object[] {event.userId(), event.credentialEpoch(), JSON.writeValueAsString(receipt)});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("receipt of " + event.userId() + " not writable", e);
        }
    }

    /** Writes the receipt's row ({@link #WRITE_RECEIPT}'s values), replacing one of the same deactivation. */
    abstract void writeReceipt(Object[] values);

    /**
     * Writes the row, replacing one from the same event: rows are keyed by the event's place in the user's stream,
     * so writing one again changes nothing.
     */
    abstract void write(Row row);

    record Row(String userId, long sequence, Instant at, boolean active, String actorId, String actorName,
               boolean confirmRelinquish, String cause, Integer credentialEpoch) {

        Object[] values() {
            return new Object[] {userId, sequence, Timestamp.from(at), active, actorId, actorName, confirmRelinquish,
                    cause == null ? "unknown" : cause, credentialEpoch};
        }
    }
}
