package chat.lifecycle.command.permission;

import chat.lifecycle.command.Actor;
import chat.lifecycle.command.credentials.LiveCredentialCheck;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which role holds which permission. A setting rather than a part of any user's history, so it is a plain table,
 * read on every request: a change takes effect on the next one, on every node.
 */
@Component
public class Permissions {

    /** The scope of a role held across the server, as Rocket.Chat names it. */
    public static final String USER_SCOPE = "Users";
    /** The scope of a role held in a room (owner, moderator, leader), as Rocket.Chat names it. */
    public static final String ROOM_SCOPE = "Subscriptions";

    private final JdbcTemplate jdbc;
    private final LiveCredentialCheck liveCredential;

    public Permissions(JdbcTemplate jdbc, LiveCredentialCheck liveCredential) {
        this.jdbc = jdbc;
        this.liveCredential = liveCredential;
    }

    /**
     * A user found by a credential, with the credential epoch the credential belongs to and the permissions of the
     * user's roles.
     */
    public record Grantee(String userId, String username, int credentialEpoch, Set<String> permissions) {
    }

    /**
     * Runs {@code userQuery} (a constant of the caller, its values bound from {@code args}), which selects at most
     * one user's {@code id}, {@code username} and {@code credential_epoch}, joined with the permissions of that
     * user's roles: a request is authenticated in one round trip instead of two. Only roles of the
     * {@value #USER_SCOPE} scope count: a room role (owner) held as a user's role, which {@code users.create} accepts
     * as Rocket.Chat does, grants nothing outside the rooms where the user holds it.
     */
    public Optional<Grantee> grantee(String userQuery, Object... args) {
        return Optional.ofNullable(jdbc.query("""
                select g.id, g.username, g.credential_epoch, pr.permission_id from (%s) g
                left join user_role ur on ur.user_id = g.id
                left join role r on r.id = ur.role and r.scope = 'Users'
                left join permission_role pr on pr.role = r.id""".formatted(userQuery), rows -> {
            Grantee grantee = null;
            while (rows.next()) {
                if (grantee == null) {
                    grantee = new Grantee(rows.getString(1), rows.getString(2), rows.getInt(3), new TreeSet<>());
                }
                if (rows.getString(4) != null) {
                    grantee.permissions().add(rows.getString(4));
                }
            }
            return grantee;
        }, args));
    }

    /** Whether a role holds a permission: room roles (owner) grant room-scoped permissions this way. */
    public boolean roleHolds(String role, String permission) {
        return !jdbc.queryForList("select role from permission_role where role = ? and permission_id = ?",
                String.class, role, permission).isEmpty();
    }

    public List<Permission> all() {
        Map<String, Permission> byId = new LinkedHashMap<>();
        jdbc.query("select id, updated_at from permission order by id", rs -> {
            byId.put(rs.getString(1), new Permission(rs.getString(1), new ArrayList<>(),
                    rs.getTimestamp(2).toInstant()));
        });
        jdbc.query("select permission_id, role from permission_role order by permission_id, role",
                rs -> {
                    byId.get(rs.getString(1)).roles().add(rs.getString(2));
                });
        return List.copyOf(byId.values());
    }

    public boolean exists(String permissionId) {
        return !jdbc.queryForList("select id from permission where id = ?", String.class, permissionId).isEmpty();
    }

    public boolean roleExists(String role) {
        return role(role).isPresent();
    }

    public Optional<Role> role(String id) {
        return jdbc.query("select id, scope, description, protected from role where id = ?",
                (rs, row) -> new Role(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)), id)
                .stream().findFirst();
    }

    /**
     * Replaces the roles of each permission given; all or nothing, and only while the acting user's credential is
     * still live (not a command, so checked here).
     */
    @Transactional
    public void replaceRoles(Actor actor, Map<String, List<String>> rolesByPermission) {
        liveCredential.requireLive(actor.id(), actor.credentialEpoch());
        Timestamp now = Timestamp.from(Instant.now());
        rolesByPermission.forEach((permission, roles) -> {
            jdbc.update("delete from permission_role where permission_id = ?", permission);
            new TreeSet<>(roles).forEach(role -> jdbc.update(
                    "insert into permission_role (permission_id, role) values (?, ?)", permission, role));
            jdbc.update("update permission set updated_at = ? where id = ?", now, permission);
        });
    }

    public record Permission(String id, List<String> roles, Instant updatedAt) {
    }

    /** A role; {@code scope} is {@link #USER_SCOPE} or {@link #ROOM_SCOPE}. */
    public record Role(String id, String scope, String description, boolean isProtected) {
    }
}
