package chat.lifecycle.command.scim;

import chat.lifecycle.command.permission.Permissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The groups SCIM sees: the server-wide roles ({@value Permissions#USER_SCOPE} scope), their members the users who
 * hold them, read from the command side's lookups. Room roles (owner) are no groups: they are held per room.
 */
@Component
class ScimGroupDirectory {

    private final JdbcTemplate jdbc;

    ScimGroupDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A member: the user's id and username. */
    record Member(String id, String userName) {
    }

    /** A role with its members; {@code members} null when they were not asked for. */
    record StoredGroup(String id, List<Member> members) {
    }

    Optional<StoredGroup> byId(String id) {
        return roles("r.id = ?", List.of(id), 0, 1).stream().findFirst().map(role -> withMembers(role, true));
    }

    /** {@code offset} from 0; {@code limit} 0 only counts. */
    long count(ScimFilter.Condition condition) {
        Long total = jdbc.queryForObject("select count(*) from role r where r.scope = ? and (" + condition.sql() + ")",
                Long.class, args(condition.args()).toArray());
        return total == null ? 0 : total;
    }

    List<StoredGroup> search(ScimFilter.Condition condition, long offset, int limit, boolean withMembers) {
        return roles(condition.sql(), condition.args(), offset, limit).stream()
                .map(role -> withMembers(role, withMembers)).toList();
    }

    private List<String> roles(String condition, List<Object> conditionArgs, long offset, int limit) {
        if (limit == 0) {
            return List.of();
        }
        List<Object> args = args(conditionArgs);
        args.add(limit);
        args.add(offset);
        return jdbc.queryForList("select r.id from role r where r.scope = ? and (" + condition
                + ") order by r.id limit ? offset ?", String.class, args.toArray());
    }

    private StoredGroup withMembers(String role, boolean withMembers) {
        return new StoredGroup(role, !withMembers ? null : jdbc.query("""
                select u.id, u.username from user_role ur join user_account u on u.id = ur.user_id
                where ur.role = ? order by u.username_key""",
                (rs, row) -> new Member(rs.getString(1), rs.getString(2)), role));
    }

    private static List<Object> args(List<Object> conditionArgs) {
        List<Object> args = new ArrayList<>();
        args.add(Permissions.USER_SCOPE);
        args.addAll(conditionArgs);
        return args;
    }
}
