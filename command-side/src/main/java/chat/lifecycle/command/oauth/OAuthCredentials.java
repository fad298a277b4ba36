package chat.lifecycle.command.oauth;

import chat.lifecycle.command.permission.Permissions;
import chat.lifecycle.command.permission.Permissions.Grantee;
import chat.lifecycle.command.credentials.Tokens;
import chat.lifecycle.command.user.UserAccounts;
import chat.lifecycle.events.Audit;
import chat.lifecycle.events.oauth.AuthorizationCodeIssued;
import chat.lifecycle.events.oauth.AuthorizationCodeRedeemed;
import chat.lifecycle.events.oauth.OAuthAppCreated;
import chat.lifecycle.events.oauth.OAuthAppDeleted;
import chat.lifecycle.events.oauth.OAuthGrantsRevoked;
import chat.lifecycle.events.oauth.OAuthTokensIssued;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import chat.lifecycle.platform.store.SqlTime;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The OAuth lookups ({@code oauth_app}, {@code oauth_code}, {@code oauth_token}), kept in the events' transaction,
 * and the checks the OAuth endpoints and bearer authentication make. Like login tokens, a code or token works only
 * while its user is active and still in the credential epoch it was issued in, and only while its client exists.
 */
@Component
@ProcessingGroup(UserAccounts.GROUP)
public class OAuthCredentials {

    private final QueuedWritesJdbcTemplate jdbc;
    private final Permissions permissions;

    public OAuthCredentials(QueuedWritesJdbcTemplate jdbc, Permissions permissions) {
        this.jdbc = jdbc;
        this.permissions = permissions;
    }

    @EventHandler
    void on(OAuthAppCreated event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(Audit.ACTOR_ID) String actorId, @MetaDataValue(Audit.ACTOR_USERNAME) String actorName) {
        jdbc.update("""
                insert into oauth_app (id, name, client_id, hashed_client_secret, redirect_uris, active, created_at,
                                       created_by_id, created_by_username)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.appId(), event.name(), event.clientId(), event.hashedClientSecret(),
                String.join(",", event.redirectUris()), event.active(), Timestamp.from(at), actorId, actorName);
    }

    /** Its codes and token pairs go with it (on delete cascade): refused from this transaction's commit on. */
    @EventHandler
    void on(OAuthAppDeleted event) {
        jdbc.update("delete from oauth_app where id = ?", event.appId());
    }

    @EventHandler
    void on(AuthorizationCodeIssued event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("delete from oauth_code where user_id = ? and expires_at <= ?", event.userId(),
                Timestamp.from(at));
        ofLiveClient(() -> jdbc.update("""
                insert into oauth_code (hashed_code, code_id, user_id, client_id, redirect_uri, expires_at,
                                        credential_epoch)
                values (?, ?, ?, ?, ?, ?, ?)""",
                event.hashedCode(), event.codeId(), event.userId(), event.clientId(), event.redirectUri(),
                Timestamp.from(event.expiresAt()), event.credentialEpoch()));
    }

    @EventHandler
    void on(AuthorizationCodeRedeemed event) {
        jdbc.update("delete from oauth_code where user_id = ? and code_id = ?", event.userId(), event.codeId());
    }

    @EventHandler
    void on(OAuthTokensIssued event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("delete from oauth_token where user_id = ? and (token_id = ? or refresh_expires_at <= ?)",
                event.userId(), event.replacesTokenId(), Timestamp.from(at));
        ofLiveClient(() -> jdbc.update("""
                insert into oauth_token (token_id, user_id, client_id, hashed_access_token, access_expires_at,
                                         hashed_refresh_token, refresh_expires_at, credential_epoch, issued_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.tokenId(), event.userId(), event.clientId(), event.hashedAccessToken(),
                Timestamp.from(event.accessExpiresAt()), event.hashedRefreshToken(),
                Timestamp.from(event.refreshExpiresAt()), event.credentialEpoch(), Timestamp.from(at)));
    }

    /**
     * Stores a code or pair, which the foreign key on {@code oauth_app} accepts only while its client exists: one
     * whose client was deleted before this transaction commits (after its request passed the client check) is
     * refused with it, rolling the grant back.
     */
    private static void ofLiveClient(Runnable insert) {
        try {
            insert.run();
        } catch (DataIntegrityViolationException clientGone) {
            if (clientGone instanceof DuplicateKeyException) {
                throw clientGone;
            }
            throw new OAuthGrantRefused("the client was deleted");
        }
    }

    /** Expired codes and pairs too: the event names only those its aggregate still held. */
    @EventHandler
    void on(OAuthGrantsRevoked event) {
        jdbc.update("delete from oauth_code where user_id = ? and credential_epoch < ?", event.userId(),
                event.credentialEpoch());
        jdbc.update("delete from oauth_token where user_id = ? and credential_epoch < ?", event.userId(),
                event.credentialEpoch());
    }

    /** Whether the user holds any OAuth code or token pair, live or not. */
    public boolean anyHeldBy(String userId) {
        return anyHeldByLater(userId).get();
    }

    /** {@link #anyHeldBy}, queued with the transaction's writes ({@link QueuedWritesJdbcTemplate#queryLater}). */
    public Supplier<Boolean> anyHeldByLater(String userId) {
        return jdbc.queryLater("""
                select exists (select 1 from oauth_token where user_id = ?)
                    or exists (select 1 from oauth_code where user_id = ?)""", rs -> rs.next() && rs.getBoolean(1),
                userId, userId);
    }

    /** The active user behind a live, unexpired access token, with the user's permissions. */
    public Optional<Grantee> bearerGrantee(String accessToken) {
        return permissions.grantee("""
                select e.user_id as id, e.username, e.credential_epoch from oauth_token t
                join live_epoch e on e.user_id = t.user_id and e.credential_epoch = t.credential_epoch
                where t.hashed_access_token = ? and t.access_expires_at > ?""",
                Tokens.hash(accessToken), SqlTime.of(Instant.now()));
    }

    /** The user who granted a live code, if the code still counts. */
    public Optional<Grantee> codeOwner(String code) {
        return permissions.grantee("""
                select e.user_id as id, e.username, e.credential_epoch from oauth_code c
                join live_epoch e on e.user_id = c.user_id and e.credential_epoch = c.credential_epoch
                where c.hashed_code = ?""",
                Tokens.hash(code));
    }

    /** The user behind a live refresh token. */
    public Optional<Grantee> refreshOwner(String refreshToken) {
        return permissions.grantee("""
                select e.user_id as id, e.username, e.credential_epoch from oauth_token t
                join live_epoch e on e.user_id = t.user_id and e.credential_epoch = t.credential_epoch
                where t.hashed_refresh_token = ?""",
                Tokens.hash(refreshToken));
    }

    public Optional<App> appByClientId(String clientId) {
        return jdbc.query(APP + " where client_id = ?", this::app, clientId).stream().findFirst();
    }

    public Optional<App> appById(String appId) {
        return jdbc.query(APP + " where id = ?", this::app, appId).stream().findFirst();
    }

    public List<App> apps() {
        return jdbc.query(APP + " order by created_at", this::app);
    }

    /** Compares in constant time, so response timing tells nothing about the secret. */
    public static boolean secretMatches(App app, String secret) {
        return secret != null && MessageDigest.isEqual(app.hashedClientSecret().getBytes(StandardCharsets.UTF_8),
                Tokens.hash(secret).getBytes(StandardCharsets.UTF_8));
    }

    private static final String APP = """
            select id, name, client_id, hashed_client_secret, redirect_uris, active, created_at, created_by_id,
                   created_by_username from oauth_app""";

    private App app(ResultSet rs, int row) throws SQLException {
        return new App(rs.getString("id"), rs.getString("name"), rs.getString("client_id"),
                rs.getString("hashed_client_secret"), Arrays.asList(rs.getString("redirect_uris").split(",")),
                rs.getBoolean("active"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by_id"),
                rs.getString("created_by_username"));
    }

    public record App(String id, String name, String clientId, String hashedClientSecret, List<String> redirectUris,
                      boolean active, Instant createdAt, String createdById, String createdByUsername) {
    }
}
