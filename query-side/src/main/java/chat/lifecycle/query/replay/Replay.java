package chat.lifecycle.query.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Progress of one rebuild: events done out of the store's head, the rate, and the time left at that rate. */
public record Replay(List<String> processors, String state, long eventsDone, long eventsTotal, double eventsPerSecond,
                     Duration timeLeft, Instant startedAt, Instant finishedAt, String error) {

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
}
