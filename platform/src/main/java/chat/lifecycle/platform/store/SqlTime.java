package chat.lifecycle.platform.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * An instant as a parameter of a query (writes may pass a {@code Timestamp}: they answer no rows). PostgreSQL's
 * driver sends a {@code java.sql.Timestamp} untyped, so it describes the statement; from then on it sends a Sync of
 * its own before every execution of that statement whose rows hold text, one more round trip each time. An
 * {@code OffsetDateTime} goes typed ({@code timestamptz}), on H2 too.
 */
public final class SqlTime {

    private SqlTime() {
    }

    public static OffsetDateTime of(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
