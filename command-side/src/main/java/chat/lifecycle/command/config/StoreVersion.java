package chat.lifecycle.command.config;

import java.util.Optional;

/**
 * The store's last sequence number of the aggregate a command targets (null: no event yet), read ahead by the
 * command's first statement ({@code LiveCredentialCheck}) and kept in its unit of work ({@link CommandReadAhead}),
 * where {@link LatestAggregateCache} takes it instead of asking the store.
 */
public record StoreVersion(Long version) {

    private static final String NAME = "storeVersion:";

    public static void readAhead(String aggregateId, Long version) {
        CommandReadAhead.keep(NAME + aggregateId, () -> new StoreVersion(version));
    }

    /** What was read ahead for the aggregate in the current unit of work, once; empty if nothing was. */
    static Optional<StoreVersion> take(String aggregateId) {
        return CommandReadAhead.take(NAME + aggregateId);
    }
}
