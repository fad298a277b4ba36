package chat.lifecycle.command.config;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolver;

/**
 * Picks the bytea-storing dialect for PostgreSQL and H2 and leaves any other database to Hibernate's own
 * resolution, so one configuration serves the embedded default and production.
 */
public class ByteaDialectResolver implements DialectResolver {

    @Override
    public Dialect resolveDialect(DialectResolutionInfo info) {
        return switch (info.getDatabaseName()) {
            case "PostgreSQL" -> new ByteaPostgresDialect(info);
            case "H2" -> new ByteaH2Dialect(info);
            default -> null;
        };
    }
}
