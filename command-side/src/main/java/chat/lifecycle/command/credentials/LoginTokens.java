package chat.lifecycle.command.credentials;

import chat.lifecycle.command.permission.Permissions;
import chat.lifecycle.command.permission.Permissions.Grantee;
import chat.lifecycle.command.user.UserAccounts;
import chat.lifecycle.events.user.LoginTokenIssued;
import chat.lifecycle.events.user.LoginTokenRevoked;
import chat.lifecycle.events.user.LoginTokensRevoked;
import chat.lifecycle.events.user.PersonalAccessTokenIssued;
import chat.lifecycle.events.user.PersonalAccessTokenRemoved;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The {@code login_token} lookup, kept in the events' transaction, and the one query request authentication
 * makes. A token authenticates only while its user is active and still in the token's credential epoch, so a
 * deactivation voids every older token in the same commit (and deletes it there, or its saga does). Its writes are
 * queued in the transaction ({@link QueuedWritesJdbcTemplate}).
 */
@Component
@ProcessingGroup(UserAccounts.GROUP)
public class LoginTokens {

    /** The active user a login token belongs to, while the token is of the user's credential epoch. */
    private static final String OWNER = """
            select e.user_id as id, e.username, e.credential_epoch from login_token t
            join live_epoch e on e.user_id = t.user_id and e.credential_epoch = t.credential_epoch
            where t.hashed_token = ?""";

    /** As {@link #OWNER}, for personal access tokens only. */
    private static final String PERSONAL_OWNER = OWNER + " and t.kind = 'personal'";

    private final QueuedWritesJdbcTemplate jdbc;
    private final Permissions permissions;

    public LoginTokens(QueuedWritesJdbcTemplate jdbc, Permissions permissions) {
        this.jdbc = jdbc;
        this.permissions = permissions;
    }

    @EventHandler
    void on(LoginTokenIssued event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.updateLater("""
                insert into login_token (hashed_token, token_id, user_id, credential_epoch, issued_at)
                values (?, ?, ?, ?, ?)""",
                event.hashedToken(), event.tokenId(), event.userId(), event.credentialEpoch(), Timestamp.from(at));
        jdbc.updateLater("update user_account set last_login = ? where id = ?", Timestamp.from(at), event.userId());
    }

    @EventHandler
    void on(PersonalAccessTokenIssued event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.updateLater("""
                insert into login_token (hashed_token, token_id, user_id, credential_epoch, issued_at, kind, name,
                                         last_token_part)
                values (?, ?, ?, ?, ?, 'personal', ?, ?)""",
                event.hashedToken(), event.tokenId(), event.userId(), event.credentialEpoch(), Timestamp.from(at),
                event.name(), event.lastTokenPart());
    }

    @EventHandler
    void on(PersonalAccessTokenRemoved event) {
        jdbc.updateLater("delete from login_token where user_id = ? and token_id = ?", event.userId(), event.tokenId());
    }

    @EventHandler
    void on(LoginTokenRevoked event) {
        jdbc.updateLater("delete from login_token where user_id = ? and token_id = ?", event.userId(), event.tokenId());
    }

    /** The event names every token of the older epochs (the aggregate holds them all): none named, none stored. */
    @EventHandler
    void on(LoginTokensRevoked event) {
        if (event.tokenIds().isEmpty()) {
            return;
        }
        jdbc.updateLater("delete from login_token where user_id = ? and credential_epoch < ?",
                event.userId(), event.credentialEpoch());
    }

    /** The active user a valid token belongs to, with the user's permissions, in one query. */
    public Optional<Grantee> ownerOf(String token) {
        return permissions.grantee(OWNER, Tokens.hash(token));
    }

    /** The active user a valid personal access token belongs to, with the user's permissions. */
    public Optional<Grantee> ownerOfPersonalToken(String token) {
        return permissions.grantee(PERSONAL_OWNER, Tokens.hash(token));
    }

    /** A user's personal access tokens that still work, oldest first. */
    public List<PersonalToken> personalTokensOf(String userId) {
        return jdbc.query("""
                select t.name, t.issued_at, t.last_token_part from login_token t
                join live_epoch e on e.user_id = t.user_id and e.credential_epoch = t.credential_epoch
                where t.user_id = ? and t.kind = 'personal' order by t.issued_at""",
                (rs, row) -> new PersonalToken(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3)),
                userId);
    }

    public record PersonalToken(String name, Instant createdAt, String lastTokenPart) {
    }

}
