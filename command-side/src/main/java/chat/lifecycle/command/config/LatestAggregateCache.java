package chat.lifecycle.command.config;

import java.util.Objects;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The aggregate cache of command nodes that share one event store: a cached aggregate is handed out only while it is
 * the latest, that is while its version is the store's last sequence number for it (one indexed query, in the
 * command's transaction). If another node has appended since, the entry is a miss and Axon's caching repository
 * loads the aggregate from the store. Without the check a stale aggregate that decided a no-op ("already
 * inactive", "no such token") appended nothing, so no conflict with the other node's events ever revealed it.
 */
final class LatestAggregateCache extends BoundedCache {

    private final EventStore store;

    LatestAggregateCache(long maximumSize, EventStore store) {
        super(maximumSize);
        this.store = store;
    }

    @Override
    public <K, V> V get(K key) {
        V value = super.get(key);
        if (value instanceof AggregateCacheEntry<?> entry
                && !Objects.equals(versionOf(entry), store.lastSequenceNumberFor(key.toString()).orElse(null))) {
            remove(key);
            return null;
        }
        return value;
    }

    /**
     * The entry's aggregate is the live one it was made from (entries stay in this JVM, never serialized), which
     * {@code recreateAggregate} hands back as it is, whatever its arguments.
     */
    private static Long versionOf(AggregateCacheEntry<?> entry) {
        EventSourcedAggregate<?> aggregate = entry.recreateAggregate(null, null, null, null);
        return aggregate.version();
    }
}
