package chat.lifecycle.command.config;

import java.util.Objects;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The aggregate cache of command nodes that share one event store: a cached aggregate is handed out only while it is
 * the latest, that is while its version is the store's last sequence number for it, read in the command's
 * transaction: by its first statement ({@link StoreVersion}), else here with one indexed query. If another node has
 * appended since, the entry is a miss and Axon's caching repository loads the aggregate from the store. Without the
 * check a stale aggregate that decided a no-op ("already inactive", "no such token") appended nothing, so no
 * conflict with the other node's events ever revealed it. (A version read ahead is read before this node's lock on
 * the aggregate is taken: a command of this node that commits in between makes the two differ, and the entry is
 * reloaded.)
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
                && !Objects.equals(versionOf(entry), latest(key.toString()))) {
            remove(key);
            return null;
        }
        return value;
    }

    private Long latest(String aggregateId) {
        return StoreVersion.take(aggregateId)
                .orElseGet(() -> new StoreVersion(store.lastSequenceNumberFor(aggregateId).orElse(null)))
                .version();
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
