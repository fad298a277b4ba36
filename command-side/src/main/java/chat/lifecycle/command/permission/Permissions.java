package chat.lifecycle.command.permission;

import chat.lifecycle.command.Actor;
import chat.lifecycle.command.credentials.LiveCredentialCheck;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which role holds which permission. A setting rather than a part of any user's history, so it is a plain table. Each
 * node keeps the permissions of every role in memory and reloads them when an authentication reads a newer
 * {@code permission_generation} (one more per change): a change takes effect on the next request, on every node.
 */
@Component
public class Permissions {

    /** The scope of a role held across the server, as Rocket.Chat names it. */
    public static final String USER_SCOPE = "Users";
    /** The scope of a role held in a room (owner, moderator, leader), as Rocket.Chat names it. */
    public static final String ROOM_SCOPE = "Subscriptions";

    private final JdbcTemplate jdbc;
    private final LiveCredentialCheck liveCredential;
    private volatile RolePermissions loaded = new RolePermissions(Long.MIN_VALUE, Map.of());

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
     * one user's {@code id}, {@code username} and {@code credential_epoch}, joined with that user's roles and the
     * permission generation: a request is authenticated in one round trip, one row per role. The role map is
     * reloaded, when the generation moved, only once that query has given its connection back: a request holding
     * one connection while it waits for another would, with as many such requests as the pool has connections,
     * wait for ever.
     */
    public Optional<Grantee> grantee(String userQuery, Object... args) {
        return Optional.ofNullable(jdbc.query("""
                select g.id, g.username, g.credential_epoch, (select generation from permission_generation), ur.role
                from (%s) g left join user_role ur on ur.user_id = g.id""".formatted(userQuery), rows -> {
            if (!rows.next()) {
                return null;
            }
            Found found = new Found(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getLong(4),
                    new TreeSet<>());
            do {
                if (rows.getString(5) != null) {
                    found.roles().add(rows.getString(5));
                }
            } while (rows.next());
            return found;
        }, args)).map(found -> new Grantee(found.userId(), found.username(), found.credentialEpoch(),
                rolePermissions(found.generation()).of(found.roles())));
    }

    /** What authentication read: the user, their roles, and the permission generation at that moment. */
    private record Found(String userId, String username, int credentialEpoch, long generation, Set<String> roles) {
    }

    private RolePermissions rolePermissions(long generation) {
        RolePermissions current = loaded;
        if (current.generation() < generation) {
            current = jdbc.query("""
                    select (select generation from permission_generation), r.id, pr.permission_id from role r
                    left join permission_role pr on pr.role = r.id where r.scope = ?""", rows -> {
                long read = Long.MIN_VALUE;
                Map<String, Set<String>> byRole = new HashMap<>();
                while (rows.next()) {
                    read = rows.getLong(1);
                    Set<String> granted = byRole.computeIfAbsent(rows.getString(2), role -> new TreeSet<>());
                    if (rows.getString(3) != null) {
                        granted.add(rows.getString(3));
                    }
                }
                return new RolePermissions(read, byRole);
            }, USER_SCOPE);
            loaded = current;
        }
        return current;
    }

    /**
     * The permissions of each role of the {@value #USER_SCOPE} scope, as of a generation. A room role (owner) held as
     * a user's role, which {@code users.create} accepts as Rocket.Chat does, grants nothing outside the rooms where
     * the user holds it; nor does an unknown one. The union for a set of roles is computed once.
     */
    private record RolePermissions(long generation, Map<String, Set<String>> byRole,
                                   Map<Set<String>, Set<String>> byRoles) {

        RolePermissions(long generation, Map<String, Set<String>> byRole) {
            this(generation, byRole, new ConcurrentHashMap<>());
        }

        Set<String> of(Set<String> roles) {
            roles.retainAll(byRole.keySet());
            return byRoles.computeIfAbsent(roles, held -> {
                Set<String> granted = new TreeSet<>();
                held.forEach(role -> granted.addAll(byRole.get(role)));
                return Collections.unmodifiableSet(granted);
            });
        }
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
        jdbc.update("update permission_generation set generation = generation + 1");
    }

    public record Permission(String id, List<String> roles, Instant updatedAt) {
    }

    /** A role; {@code scope} is {@link #USER_SCOPE} or {@link #ROOM_SCOPE}. */
    public record Role(String id, String scope, String description, boolean isProtected) {
    }
}
