package chat.lifecycle.command.credentials;

import chat.lifecycle.platform.store.SqlTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Rocket.Chat's failed-login blocking ({@link LoginBlocking}): failures are counted per client address and per
 * login name as given (lower-cased), whether or not a user has that name, in the {@code login_failure} table that
 * every node shares. A successful login resets the counts of its address and of its user's username and email, as
 * in Rocket.Chat. Two requests at the same moment may both pass a count one below the limit: the limit can be
 * overshot by the logins in flight, never more.
 */
@Component
@EnableConfigurationProperties(LoginBlocking.class)
public class FailedLogins {

    /** What a login is blocked by, checked in this order (as Rocket.Chat does). */
    public enum Block { IP, USER }

    private static final String IP = "ip";
    private static final String USER = "user";

    private final JdbcTemplate jdbc;
    private final LoginBlocking settings;

    public FailedLogins(JdbcTemplate jdbc, LoginBlocking settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** {@code loginName} is null when the login gives none (a resume, a body without a name). */
    public Optional<Block> blocked(String address, String loginName) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        if (!settings.ip().whitelist().contains(address) && reached(settings.ip(), IP, address)) {
            return Optional.of(Block.IP);
        }
        if (loginName != null && reached(settings.user(), USER, userKey(loginName))) {
            return Optional.of(Block.USER);
        }
        return Optional.empty();
    }

    /**
     * A refused login, blocked by address included (Rocket.Chat counts those; not those blocked by user). Rows past
     * the unblock times go on the way.
     */
    public void failed(String address, String loginName) {
        if (!settings.enabled()) {
            return;
        }
        Instant now = Instant.now();
        Duration longest = Collections.max(List.of(settings.ip().unblockAfter(), settings.user().unblockAfter()));
        jdbc.update("delete from login_failure where failed_at < ?", Timestamp.from(now.minus(longest)));
        insert(IP, address, now);
        if (loginName != null) {
            insert(USER, userKey(loginName), now);
        }
    }

    /** Resets the counts of the address and of the user, by username and by email ({@code email} may be null). */
    public void succeeded(String address, String username, String email) {
        if (!settings.enabled()) {
            return;
        }
        jdbc.update("""
                delete from login_failure
                where kind = ? and subject = ? or kind = ? and subject in (?, ?)""",
                IP, Tokens.hash(address), USER, Tokens.hash(userKey(username)),
                Tokens.hash(userKey(email == null ? username : email)));
    }

    private boolean reached(LoginBlocking.Limit limit, String kind, String subject) {
        if (!limit.enabled() || limit.attempts() <= 0) {
            return false;
        }
        Integer failures = jdbc.queryForObject(
                "select count(*) from login_failure where kind = ? and subject = ? and failed_at > ?", Integer.class,
                kind, Tokens.hash(subject), SqlTime.of(Instant.now().minus(limit.unblockAfter())));
        return failures != null && failures >= limit.attempts();
    }

    private void insert(String kind, String subject, Instant at) {
        jdbc.update("insert into login_failure (kind, subject, failed_at) values (?, ?, ?)", kind,
                Tokens.hash(subject), Timestamp.from(at));
    }

    private static String userKey(String loginName) {
        return loginName.trim().toLowerCase(Locale.ROOT);
    }
}
