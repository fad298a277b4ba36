package chat.lifecycle.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    /** What the weak cache got wrong: an aggregate nothing else references is still there after a collection. */
    @Test
    void anEntryOutlivesGarbageCollection() {
        BoundedCache cache = new BoundedCache(10);
        cache.put("user-1", new StringBuilder("aggregate"));

        System.gc();

        assertThat(cache.<String, StringBuilder>get("user-1")).hasToString("aggregate");
    }

    @Test
    void holdsNoMoreThanItsSizeKeepingTheMostUsed() {
        BoundedCache cache = new BoundedCache(100);
        IntStream.range(0, 1_000).forEach(i -> {
            cache.put("old-" + i, i);
            cache.put("hot", "kept");
            cache.get("hot");
        });

        long held = IntStream.range(0, 1_000).filter(i -> cache.containsKey("old-" + i)).count();
        assertThat(held).isLessThanOrEqualTo(100);
        assertThat(cache.<String, String>get("hot")).isEqualTo("kept");
    }

    @Test
    void putOfNullRemovesAndTheMapOperationsBehaveAsAxonExpects() {
        BoundedCache cache = new BoundedCache(10);
        assertThat(cache.putIfAbsent("k", 1)).isTrue();
        assertThat(cache.putIfAbsent("k", 2)).isFalse();
        assertThat(cache.<Integer>computeIfAbsent("k", () -> 3)).isEqualTo(1);
        cache.computeIfPresent("k", (Integer v) -> v + 10);
        assertThat(cache.<String, Integer>get("k")).isEqualTo(11);

        cache.put("k", null);
        assertThat(cache.containsKey("k")).isFalse();
        assertThat(cache.remove("k")).isFalse();

        cache.put("a", 1);
        cache.removeAll();
        assertThat(cache.containsKey("a")).isFalse();
    }

    @Test
    void refusesListenersItWouldNeverCall() {
        assertThatThrownBy(() -> new BoundedCache(1).registerCacheEntryListener(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
