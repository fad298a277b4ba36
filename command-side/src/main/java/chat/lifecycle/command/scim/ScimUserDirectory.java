package chat.lifecycle.command.scim;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The users as SCIM sees them, read from the command side's lookup ({@code user_account}), committed with the events,
 * so a SCIM answer shows its own write. Each user's version is the sequence number of the last event of its User
 * aggregate in the store, the same number Axon checks a command's expected version against.
 */
@Component
class ScimUserDirectory {

    private static final String SELECT = """
            select u.id, u.username, u.name, u.email, u.active, u.external_id, u.created_at,
                   e.sequence_number, e.time_stamp
            from user_account u
            join domain_event_entry e on e.aggregate_identifier = u.id and e.sequence_number =
                (select max(m.sequence_number) from domain_event_entry m where m.aggregate_identifier = u.id)
            """;

    private final JdbcTemplate jdbc;

    ScimUserDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A user as stored, with its version and the time of its last change. */
    record StoredUser(String id, String userName, String name, String email, boolean active, String externalId,
                      Instant created, long version, Instant lastModified) {
    }

    /** A page of the users a filter matches, in creation order, with how many match in all. */
    record Page(long total, List<StoredUser> users) {
    }

    Optional<StoredUser> byId(String id) {
        return jdbc.query(SELECT + "where u.id = ?", ScimUserDirectory::user, id).stream().findFirst();
    }

    /** {@code offset} from 0; {@code limit} 0 only counts. */
    Page search(ScimFilter.Condition condition, long offset, int limit) {
        Long total = jdbc.queryForObject("select count(*) from user_account u where " + condition.sql(), Long.class,
                condition.args().toArray());
        List<StoredUser> users = List.of();
        if (limit > 0 && total != null && offset < total) {
            List<Object> args = new ArrayList<>(condition.args());
            args.add(limit);
            args.add(offset);
            users = jdbc.query(SELECT + "where " + condition.sql() + " order by u.created_at, u.id limit ? offset ?",
                    ScimUserDirectory::user, args.toArray());
        }
        return new Page(total == null ? 0 : total, users);
    }

    private static StoredUser user(ResultSet rs, int row) throws SQLException {
        return new StoredUser(rs.getString("id"), rs.getString("username"), rs.getString("name"),
                rs.getString("email"), rs.getBoolean("active"), rs.getString("external_id"),
                rs.getTimestamp("created_at").toInstant(), rs.getLong("sequence_number"),
                Instant.parse(rs.getString("time_stamp")));
    }
}
