package chat.lifecycle.app.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, bounded, for what asynchronous processes (sagas) make true; one that never comes fails the test. */
public final class Eventually {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Eventually() {
    }

    public static void awaitTrue(String what, BooleanSupplier condition) {
        awaitTrue(what, LIMIT, condition);
    }

    public static void awaitTrue(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
