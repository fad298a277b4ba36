package chat.lifecycle.command.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's cache on Caffeine: up to {@code maximumSize} entries, held strongly, the least used evicted first.
 * Axon's {@code WeakReferenceCache} loses every entry at the next garbage collection, which under load comes several
 * times a second, so nearly every command would read its aggregate's snapshot and events again.
 */
class BoundedCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;

    BoundedCache(long maximumSize) {
        // evictions on the writing thread: a few map operations, and the bound holds as soon as put returns
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            entries.invalidate(key);
        } else {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.get(key, absent -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.asMap().containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.asMap().computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    /** Nothing here listens to evictions; a listener that would never be called is refused rather than ignored. */
    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("BoundedCache has no entry listeners");
    }
}
