package chat.lifecycle.platform.web;

import java.util.Optional;
import java.util.function.Predicate;

/** A failure's chain of causes, searched. */
public final class Causes {

    private Causes() {
    }

    /** The failure itself or the first of its causes that passes the test. */
    public static Optional<Throwable> first(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return Optional.of(cause);
            }
        }
        return Optional.empty();
    }
}
