package chat.lifecycle.query.feed;

import chat.lifecycle.events.PublishedEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pages of the HTTP event feed: the stored events after a global index, in global order, in their published
 * form, and the index to read on from. A page never passes an index that a late commit may still fill (see
 * {@link StoreHorizon}), so a reader that passes back {@code next} misses nothing and sees nothing twice: it stops
 * before such a gap and gets the events on either side of it on a later call.
 */
@Component
public class EventFeed {

    public record Page(List<PublishedEvent> events, long next) {
    }

    private record Row(long globalIndex, TrackedDomainEventData<byte[]> data) {
    }

    private static final String ROWS = """
            select global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
                   payload_type, payload_revision, payload, meta_data
            from domain_event_entry where global_index > ? order by global_index limit ?""";

    private final JdbcTemplate jdbc;
    private final StoreHorizon horizon;
    private final PublishedEvents published;
    private final Configuration axon;

    public EventFeed(JdbcTemplate jdbc, StoreHorizon horizon, PublishedEvents published, Configuration axon) {
        this.jdbc = jdbc;
        this.horizon = horizon;
        this.published = published;
        this.axon = axon;
    }

    /**
     * Up to {@code limit} events after {@code after}. Rows that follow on without a gap are served as read; at the
     * first gap the horizon is settled first and the rows read again, since only a read made after it shows every
     * commit it vouches for. Events come through Axon's serializer and upcasters, so older revisions arrive upcast.
     */
    public Page after(long after, int limit) {
        List<Row> read = read(after, limit);
        List<Row> served = servable(after, read, StoreHorizon.Settled.NOTHING);
        if (served.size() < read.size()) {
            StoreHorizon.Settled settled = horizon.settle(); // before the read it judges
            served = servable(after, read(after, limit), settled);
        }
        List<PublishedEvent> events = EventUtils.upcastAndDeserializeTrackedEvents(
                        served.stream().map(Row::data), axon.eventSerializer(), axon.upcasterChain())
                .map(published::of).toList();
        return new Page(events, served.isEmpty() ? after : served.get(served.size() - 1).globalIndex());
    }

    /**
     * The rows up to the first one that a gap below may still separate from {@code after}. Indexes start at 1, so
     * 0 is never a gap.
     */
    private static List<Row> servable(long after, List<Row> rows, StoreHorizon.Settled settled) {
        List<Row> servable = new ArrayList<>();
        long previous = Math.max(after, 0);
        for (Row row : rows) {
            if (row.globalIndex() != previous + 1
                    && !settled.closedBelow(row.globalIndex(), row.data().getTimestamp())) {
                break;
            }
            servable.add(row);
            previous = row.globalIndex();
        }
        return servable;
    }

    private List<Row> read(long after, int limit) {
        return jdbc.query(ROWS, EventFeed::row, after, limit);
    }

    private static Row row(ResultSet rs, int rowNumber) throws SQLException {
        long globalIndex = rs.getLong("global_index");
        return new Row(globalIndex, new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(globalIndex),
                new GenericDomainEventEntry<>(rs.getString("type"), rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number"), rs.getString("event_identifier"), rs.getString("time_stamp"),
                        rs.getString("payload_type"), rs.getString("payload_revision"), rs.getBytes("payload"),
                        rs.getBytes("meta_data"))));
    }
}
