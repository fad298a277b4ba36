package chat.lifecycle.platform.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.TransactionSystemException;

/**
 * The database out of reach: PostgreSQL down, restarting or refusing connections, or the pool without a free
 * connection for its whole timeout. 503, never a server error with a stack trace per request: the client may try
 * again. A write whose commit was cut off may have taken effect all the same; its repeat finds it done (a status
 * already set, a name already taken).
 */
public final class DatabaseUnavailable {

    public static final String ERROR = "Service unavailable";

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);
    /** SQL state classes: connection exception, insufficient resources, operator intervention (shutdown, restart). */
    private static final Set<String> STATE_CLASSES = Set.of("08", "53", "57");

    private DatabaseUnavailable() {
    }

    /**
     * Whether the failure, or one of its causes, is the database or the pool out of reach. PostgreSQL's own errors
     * carry a SQL state; a commit or rollback that failed with none failed on the connection itself (a connection the
     * pool closed after a fatal error answers every call so): Spring reports a commit cut off by a restart as the
     * rollback's failure that followed it.
     */
    public static boolean caused(Throwable failure) {
        return Causes.first(failure, cause -> cause instanceof SQLTransientConnectionException
                || cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5
                && STATE_CLASSES.contains(sql.getSQLState().substring(0, 2))
                || cause instanceof TransactionSystemException transaction
                && transaction.getCause() instanceof SQLException sql && sql.getSQLState() == null).isPresent();
    }

    /** The answer, 503, once the failure is {@link #logged}. */
    public static ApiException refusal(Throwable failure) {
        logged(failure);
        return ApiException.failure(HttpStatus.SERVICE_UNAVAILABLE, ERROR);
    }

    /** Logs the failure in one line: no stack trace, since a whole load of requests can meet it at once. */
    public static void logged(Throwable failure) {
        Throwable cause = Causes.first(failure, SQLException.class::isInstance).orElse(failure);
        log.warn("database unavailable: {}", cause.getMessage());
    }
}
