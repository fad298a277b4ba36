package chat.lifecycle.platform.ops;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The correlation id that ties a request, the commands it sends, the events they produce and whatever those events
 * set off (the deactivation saga, say) together, in the log and in the event store's metadata.
 */
public final class CorrelationId {

    /** The HTTP header a caller may send it in; every response carries it back. */
    public static final String HEADER = "X-Correlation-Id";
    /** The key in the SLF4J MDC and in Axon message metadata. */
    public static final String KEY = "correlationId";
    /** Axon's id of the first message of the chain, in metadata and in the MDC. */
    public static final String TRACE_KEY = "traceId";
    /** The id of the message that gave rise to this one. */
    public static final String CAUSATION_KEY = "causationId";

    /** What a caller's id may look like: short and plain, so it cannot forge log lines. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private CorrelationId() {
    }

    /** The caller's id when it looks like one, otherwise a new one. */
    static String acceptOrCreate(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /** The correlation id of the request or message being handled on this thread, if any. */
    public static String current() {
        String id = MDC.get(KEY);
        return id == null || id.isEmpty() ? null : id;
    }
}
