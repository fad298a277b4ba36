package chat.lifecycle.command.deactivation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Folds the saga processor's segments into one at start-up, once that loses nothing. Each segment of a saga
 * processor reads every event the saga handles and looks up its associations, then keeps only the sagas whose ids
 * fall in it: four segments did that work four times. New stores start with one segment; a store made with
 * several is folded when every segment's token is the same and no node holds any (all released by a graceful
 * stop): every saga has then seen exactly the same events, so one token stands for all. Otherwise the segments
 * stay as they are, the processor's threads keep serving them, and the next start tries again.
 *
 * <p>Runs after Flyway's migrations, before Axon starts its processors, in one transaction that locks the
 * processor's token rows, so a node starting at the same moment cannot claim a row as it goes.
 */
@Component
public class SagaSegmentsFold implements Callback {

    public static final String PROCESSOR = "DeactivationSagaProcessor";

    private static final Logger log = LoggerFactory.getLogger(SagaSegmentsFold.class);

    private record Segment(int id, byte[] token, String tokenType, String owner) {
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return false; // it commits its own transaction
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                fold(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            // Nothing is lost by keeping the segments; the processor serves them as before.
            log.warn("could not fold the segments of {}; they stay as they are", PROCESSOR, e);
        }
    }

    private void fold(Connection connection) throws SQLException {
        List<Segment> segments = segments(connection);
        if (segments.size() < 2) {
            return;
        }
        Segment first = segments.get(0);
        boolean foldable = first.id() == 0 && segments.stream().allMatch(segment -> segment.owner() == null
                && Arrays.equals(segment.token(), first.token()) && Objects.equals(segment.tokenType(), first.tokenType()));
        if (!foldable) {
            log.info("{} keeps its {} segments: they are claimed or at different positions; the next start tries "
                    + "again", PROCESSOR, segments.size());
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from token_entry where processor_name = ? and segment <> 0")) {
            delete.setString(1, PROCESSOR);
            delete.executeUpdate();
        }
        log.info("{}: {} segments at the same position folded into one", PROCESSOR, segments.size());
    }

    private static List<Segment> segments(Connection connection) throws SQLException {
        List<Segment> segments = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select segment, token, token_type, owner from token_entry where processor_name = ?
                order by segment for update""")) {
            select.setString(1, PROCESSOR);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    segments.add(new Segment(rows.getInt(1), rows.getBytes(2), rows.getString(3),
                            rows.getString(4)));
                }
            }
        }
        return segments;
    }

    @Override
    public String getCallbackName() {
        return "fold-saga-segments";
    }
}
