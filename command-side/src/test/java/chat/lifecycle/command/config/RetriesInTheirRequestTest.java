package chat.lifecycle.command.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** A retry runs in the request whose attempt failed, and leaves the retry thread outside any request after it. */
class RetriesInTheirRequestTest {

    private final RetriesInTheirRequest retries = new RetriesInTheirRequest();

    @AfterEach
    void stop() {
        retries.shutdownNow();
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aRetryRunsInTheRequestThatScheduledIt() throws Exception {
        RequestAttributes request = new ServletRequestAttributes(new MockHttpServletRequest());
        RequestContextHolder.setRequestAttributes(request);

        assertThat(requestSeenByRetry()).isSameAs(request);
    }

    @Test
    void aRetryScheduledOutsideARequestRunsOutsideOne() throws Exception {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        requestSeenByRetry();
        RequestContextHolder.resetRequestAttributes();

        assertThat(requestSeenByRetry()).isNull();
    }

    private RequestAttributes requestSeenByRetry() throws Exception {
        CompletableFuture<RequestAttributes> seen = new CompletableFuture<>();
        Runnable retry = () -> seen.complete(RequestContextHolder.getRequestAttributes()); // as Axon schedules one
        retries.schedule(retry, 1, TimeUnit.MILLISECONDS);
        return seen.get(5, TimeUnit.SECONDS);
    }
}
