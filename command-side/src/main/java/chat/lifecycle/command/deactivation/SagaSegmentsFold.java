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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Folds the saga processor's stored segments into fewer at start-up, once that loses nothing. Each segment of a saga
 * processor reads every event the saga handles and looks up its associations, then keeps only the sagas whose ids
 * fall in it: four segments did that work four times. A store made with more segments than the processor's
 * {@code initial-segment-count} is folded to that count when every segment's token is the same and no node holds
 * any (all released by a graceful stop): every saga has then seen exactly the same events, so one token stands for
 * all, and the segments left take over the sagas of those removed. Otherwise the segments stay as they are, the
 * processor's threads keep serving them, and the next start tries again.
 *
 * <p>Runs after Flyway's migrations, before Axon starts its processors, in one transaction that locks the
 * processor's token rows, so a node starting at the same moment cannot claim a row as it goes.
 */
@Component
public class SagaSegmentsFold implements Callback {

    public static final String PROCESSOR = "DeactivationSagaProcessor";

    private static final Logger log = LoggerFactory.getLogger(SagaSegmentsFold.class);

    private final int target;

    private record Segment(int id, byte[] token, String tokenType, String owner) {
    }

    /** {@code target}: the segment count to fold to, a power of two. */
    public SagaSegmentsFold(
            @Value("${axon.eventhandling.processors." + PROCESSOR + ".initial-segment-count:1}") int target) {
        if (Integer.bitCount(target) != 1) {
            throw new IllegalArgumentException("the saga processor's segment count must be a power of two: " + target);
        }
        this.target = target;
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
        int stored = segments.size();
        if (stored <= target) {
            return;
        }
        Segment first = segments.get(0);
        boolean split = Integer.bitCount(stored) == 1 && segments.get(stored - 1).id() == stored - 1;
        boolean foldable = split && segments.stream().allMatch(segment -> segment.owner() == null
                && Arrays.equals(segment.token(), first.token())
                && Objects.equals(segment.tokenType(), first.tokenType()));
        if (!foldable) {
            log.info("{} keeps its {} segments: they are claimed or at different positions; the next start tries "
                    + "again", PROCESSOR, stored);
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from token_entry where processor_name = ? and segment >= ?")) {
            delete.setString(1, PROCESSOR);
            delete.setInt(2, target);
            delete.executeUpdate();
        }
        log.info("{}: {} segments at the same position folded into {}", PROCESSOR, stored, target);
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
