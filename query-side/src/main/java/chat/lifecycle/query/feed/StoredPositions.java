package chat.lifecycle.query.feed;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The global index each event was stored at, by event id. A tracking token's position is not always the event's own
 * (see {@link PublishedEvents#of(org.axonframework.eventhandling.TrackedEventMessage)}); the store's row is.
 */
@Component
public class StoredPositions {

    private final JdbcTemplate jdbc;

    public StoredPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long of(String eventId) {
        List<Long> found = jdbc.queryForList("select global_index from domain_event_entry where event_identifier = ?",
                Long.class, eventId);
        return found.isEmpty() ? -1 : found.get(0);
    }

    public Map<String, Long> of(Collection<String> eventIds) {
        Map<String, Long> positions = new HashMap<>();
        if (eventIds.isEmpty()) {
            return positions;
        }
        String marks = String.join(",", eventIds.stream().map(id -> "?").toList());
        jdbc.query("select event_identifier, global_index from domain_event_entry where event_identifier in ("
                + marks + ")", rs -> {
            positions.put(rs.getString(1), rs.getLong(2));
        }, eventIds.toArray());
        return positions;
    }
}
