package chat.lifecycle.query.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads of the {@code user_view} read model. */
@Component
public class UserViews {

    private static final String COLUMNS = """
            select id, username, name, email, email_verified, active, type, roles, created_at, updated_at,
                   last_login from user_view""";

    private final JdbcTemplate jdbc;

    public UserViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserView> byId(String id) {
        return jdbc.query(COLUMNS + " where id = ?", this::view, id).stream().findFirst();
    }

    public Optional<UserView> byUsername(String username) {
        return jdbc.query(COLUMNS + " where lower(username) = lower(?)", this::view, username).stream().findFirst();
    }

    /**
     * One page of users sorted by username. {@code active} null means any status; {@code roles} empty means any
     * role; {@code search} matches username or name, case-insensitively.
     */
    public Page page(Boolean active, List<String> roles, String search, int offset, int count) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (active != null) {
            where.append(" and active = ?");
            args.add(active);
        }
        if (!roles.isEmpty()) {
            where.append(" and (").append(String.join(" or ",
                    roles.stream().map(role -> "(',' || roles || ',') like ?").toList())).append(")");
            roles.forEach(role -> args.add("%," + role + ",%"));
        }
        if (search != null && !search.isBlank()) {
            where.append(" and (lower(username) like ? or lower(name) like ?)");
            String pattern = "%" + search.toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(pattern);
            args.add(pattern);
        }
        Integer total = jdbc.queryForObject("select count(*) from user_view" + where, Integer.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(count);
        pageArgs.add(offset);
        List<UserView> users = jdbc.query(COLUMNS + where + " order by username limit ? offset ?", this::view,
                pageArgs.toArray());
        return new Page(users, total == null ? 0 : total);
    }

    private UserView view(ResultSet rs, int row) throws SQLException {
        String roles = rs.getString("roles");
        return new UserView(rs.getString("id"), rs.getString("username"), rs.getString("name"),
                rs.getString("email"), rs.getBoolean("email_verified"), rs.getBoolean("active"),
                rs.getString("type"), roles(roles),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getTimestamp("last_login") == null ? null : rs.getTimestamp("last_login").toInstant());
    }

    /** The roles of a row's {@code roles} column. */
    static List<String> roles(String column) {
        return column.isEmpty() ? List.of() : Arrays.asList(column.split(","));
    }

    public record Page(List<UserView> users, int total) {
    }

    public record UserView(String id, String username, String name, String email, boolean emailVerified,
                           boolean active, String type, List<String> roles, Instant createdAt, Instant updatedAt,
                           Instant lastLogin) {
    }
}
