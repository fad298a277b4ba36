package chat.lifecycle.command.user;

import chat.lifecycle.command.credentials.CredentialLocks;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import chat.lifecycle.events.user.UserExternalIdChanged;
import chat.lifecycle.events.user.UserRoleAdded;
import chat.lifecycle.events.user.UserRoleRemoved;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import chat.lifecycle.platform.store.SqlTime;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * The command side's user lookup: the {@code user_account} and {@code user_role} tables, kept by the subscribing
 * {@value #GROUP} processor in the transaction of the events, and the reads the commands and login need.
 */
@Component
@ProcessingGroup(UserAccounts.GROUP)
public class UserAccounts implements ActiveAdmins {

    public static final String GROUP = "user-lookup";

    private static final String ACTIVE_ADMINS = """
            select count(*) from user_account u join user_role r on r.user_id = u.id
            where r.role = ? and u.active""";

    private final QueuedWritesJdbcTemplate jdbc;
    private final CredentialLocks credentialLocks;

    public UserAccounts(QueuedWritesJdbcTemplate jdbc, CredentialLocks credentialLocks) {
        this.jdbc = jdbc;
        this.credentialLocks = credentialLocks;
    }

    @EventHandler
    void on(UserCreated event, @Timestamp Instant at) {
        jdbc.update("""
                insert into user_account (id, username, username_key, name, email, email_verified, password_hash,
                                          active, federated, credential_epoch, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""",
                event.userId(), event.username(), key(event.username()), event.name(), emailKey(event.email()),
                event.emailVerified(), event.passwordHash(), event.active(), event.federated(),
                java.sql.Timestamp.from(at));
        event.roles().forEach(role -> addRole(event.userId(), role));
    }

    @EventHandler
    void on(UserExternalIdChanged event) {
        jdbc.update("update user_account set external_id = ? where id = ?", event.externalId(), event.userId());
    }

    /**
     * A status change is queued with the read models' writes of the same event ({@link QueuedWritesJdbcTemplate}):
     * one round trip for them all, before the transaction's next statement or its commit.
     */
    @EventHandler
    void on(UserActivated event) {
        jdbc.updateLater("update user_account set active = true where id = ?", event.userId());
    }

    @EventHandler
    void on(UserDeactivated event) {
        credentialLocks.voidingCredentialsOf(event.userId());
        jdbc.updateLater("update user_account set active = false, credential_epoch = ? where id = ?",
                event.credentialEpoch(), event.userId());
    }

    @EventHandler
    void on(UserRoleAdded event) {
        addRole(event.userId(), event.role());
    }

    @EventHandler
    void on(UserRoleRemoved event) {
        jdbc.update("delete from user_role where user_id = ? and role = ?", event.userId(), event.role());
    }

    @EventHandler
    void on(UserDeleted event) {
        credentialLocks.voidingCredentialsOf(event.userId());
        jdbc.update("delete from user_account where id = ?", event.userId());
    }

    private void addRole(String userId, String role) {
        jdbc.update("insert into user_role (user_id, role) values (?, ?)", userId, role);
    }

    /** Locks the admin guard row for the rest of the transaction, then counts. */
    @Override
    public boolean anyOtherThan(String userId) {
        jdbc.queryForList("select id from admin_guard where id = 1 for update");
        Integer others = jdbc.queryForObject(ACTIVE_ADMINS + " and u.id <> ?", Integer.class, User.ADMIN, userId);
        return others != null && others > 0;
    }

    public boolean anyActiveAdmin() {
        Integer admins = jdbc.queryForObject(ACTIVE_ADMINS, Integer.class, User.ADMIN);
        return admins != null && admins > 0;
    }

    public boolean anyAdmin() {
        return !jdbc.queryForList("select user_id from user_role where role = ?", String.class, User.ADMIN)
                .isEmpty();
    }

    public Optional<Account> byId(String userId) {
        return first("where u.id = ?", userId);
    }

    public Optional<Account> byUsername(String username) {
        return first("where u.username_key = ?", key(username));
    }

    public Optional<Account> byEmail(String email) {
        return first("where u.email = ?", emailKey(email));
    }

    /**
     * What a password login checks, by username or by email (either may be null), in one query whether or not
     * there is such a user: a login for an unknown user does the same work as one for a known user.
     */
    public Optional<LoginCandidate> loginCandidate(String username, String email) {
        return jdbc.query("""
                select id, username, email, password_hash, active from user_account
                where username_key = ? or email = ?""",
                (rs, row) -> new LoginCandidate(rs.getString("id"), rs.getString("username"), rs.getString("email"),
                        rs.getString("password_hash"), rs.getBoolean("active")),
                username == null ? null : key(username), emailKey(email)).stream().findFirst();
    }

    /**
     * Active local users with the role whose last login (or creation, if they never logged in) is before the
     * instant. Federated users are left out: their status is their home server's to change.
     */
    public List<String> idleSince(Instant before, String role) {
        return jdbc.queryForList("""
                select u.id from user_account u join user_role r on r.user_id = u.id
                where r.role = ? and u.active and not u.federated and coalesce(u.last_login, u.created_at) <= ?
                order by u.id""", String.class, role, SqlTime.of(before));
    }

    /** The account with its roles, in one statement: a row mapper that queried again would hold two connections. */
    private Optional<Account> first(String where, Object... args) {
        List<Account> found = jdbc.query("""
                select u.id, u.username, u.name, u.email, u.email_verified, u.password_hash, u.active,
                       u.created_at, u.last_login,
                       (select array_agg(r.role) from user_role r where r.user_id = u.id) as roles
                from user_account u
                """ + where, this::account, args);
        return found.stream().findFirst();
    }

    private Account account(ResultSet rs, int row) throws SQLException {
        Set<String> roles = new TreeSet<>();
        Array held = rs.getArray("roles");
        if (held != null) {
            for (Object role : (Object[]) held.getArray()) {
                roles.add((String) role);
            }
        }
        return new Account(rs.getString("id"), rs.getString("username"), rs.getString("name"), rs.getString("email"),
                rs.getBoolean("email_verified"), rs.getString("password_hash"), rs.getBoolean("active"), roles,
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_login")));
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    static String emailKey(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /** A user as a login checks them. */
    public record LoginCandidate(String id, String username, String email, String passwordHash, boolean active) {
    }

    /** A user as the command side knows it. */
    public record Account(String id, String username, String name, String email, boolean emailVerified,
                          String passwordHash, boolean active, Set<String> roles, Instant createdAt,
                          Instant lastLogin) {
    }
}
