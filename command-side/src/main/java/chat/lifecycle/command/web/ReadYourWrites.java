package chat.lifecycle.command.web;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Read your writes in the split deployment, where the read models are built by streaming processors of another
 * JVM: before a write route answers, it waits until every processor named in
 * {@code lifecycle.read-your-writes.processors} has processed the store's head as it was at that moment, which
 * includes this request's events. The processors' positions are their tokens in {@code token_entry}. After
 * {@code lifecycle.read-your-writes.timeout} it answers anyway and logs it. Off in the all-in-one server, whose read
 * models are updated in the command's own transaction.
 */
@ControllerAdvice
@ConditionalOnProperty("lifecycle.read-your-writes.processors")
public class ReadYourWrites implements ResponseBodyAdvice<Object> {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final List<String> processors;
    private final long timeoutMillis;

    public ReadYourWrites(JdbcTemplate jdbc, Serializer serializer,
                          @Value("${lifecycle.read-your-writes.processors}") List<String> processors,
                          @Value("${lifecycle.read-your-writes.timeout:PT10S}") java.time.Duration timeout) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processors = processors;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (!HttpMethod.GET.equals(request.getMethod()) && !HttpMethod.HEAD.equals(request.getMethod())) {
            awaitProcessed(head());
        }
        return body;
    }

    /** For a write that answers without a body (SCIM's DELETE: 204), which {@link #beforeBodyWrite} never sees. */
    public void awaitWritesProcessed() {
        awaitProcessed(head());
    }

    private long head() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    private void awaitProcessed(long head) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!processed(head)) {
            if (System.currentTimeMillis() > deadline) {
                log.warn("read models did not reach event {} within {} ms; answering anyway", head, timeoutMillis);
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Every segment of every processor is at or past the index, and the index is not one of its gaps. The tokens are
     * read from {@code token_entry} as stored, not fetched through the token store, which would claim them. A
     * processor with no token at all is not deployed yet (no query side running): nothing to wait for.
     */
    private boolean processed(long index) {
        if (index < 0) {
            return true;
        }
        List<TrackingToken> tokens = jdbc.query("select token, token_type from token_entry where processor_name in ("
                        + String.join(",", processors.stream().map(p -> "?").toList()) + ")",
                (rs, row) -> rs.getBytes(1) == null ? null : serializer.<byte[], TrackingToken>deserialize(
                        new SimpleSerializedObject<>(rs.getBytes(1), byte[].class, rs.getString(2), null)),
                processors.toArray());
        return tokens.stream().allMatch(token -> reached(token, index));
    }

    /** During a replay, the position the replay has reached. */
    private static boolean reached(TrackingToken token, long index) {
        return WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken position
                && position.getIndex() >= index && !position.getGaps().contains(index);
    }
}
