package chat.lifecycle.command.credentials;

import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each user's credential lock ({@link LiveCredentialCheck} says what it orders): a command acting as the user holds
 * it shared, a change that voids the user's credentials (deactivation, deletion) exclusively, to the end of the
 * transaction. On PostgreSQL an advisory lock, in memory, queued ({@link QueuedWritesJdbcTemplate}) to go with the
 * transaction's next statement: it costs no round trip of its own. A shared row lock did the same, but the concurrent
 * commands of one acting user (an admin's automation) turned it into a multixact written to the row and the WAL: the
 * costliest statement of a command (docs/performance.md). On H2 the user's row lock serves (the check reads the row
 * for update, the deactivation updates it), and outside a transaction there is nothing to hold a lock for.
 */
@Component
public class CredentialLocks {

    /** The advisory locks' first key: the space of credential locks, whose second key is the user's. */
    private static final int CREDENTIAL_LOCKS = 1;
    private static final String SHARED = "select pg_advisory_xact_lock_shared(" + CREDENTIAL_LOCKS + ", hashtext(?))";
    private static final String EXCLUSIVE = "select pg_advisory_xact_lock(" + CREDENTIAL_LOCKS + ", hashtext(?))";

    private final QueuedWritesJdbcTemplate jdbc;

    public CredentialLocks(QueuedWritesJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Held by a command acting as the user: waits for a deactivation of the user to commit, if one holds it. */
    void actingAs(String userId) {
        hold(SHARED, userId);
    }

    /**
     * Held by a change that voids the user's credentials: waits for the commands already acting as that user, and
     * holds back those still to come until it commits.
     */
    public void voidingCredentialsOf(String userId) {
        hold(EXCLUSIVE, userId);
    }

    private void hold(String lock, String userId) {
        if (jdbc.queuesWrites()) {
            jdbc.updateOnceLater(lock, userId); // a deactivation's read-ahead and its event both take the lock
        }
    }
}
