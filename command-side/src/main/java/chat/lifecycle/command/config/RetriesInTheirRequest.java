package chat.lifecycle.command.config;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The command gateway's retry thread, running each retry in the HTTP request that sent the command (its request
 * attributes, which Spring keeps per thread), as the first attempt ran on the request's own thread: so what a retried
 * command's unit of work leaves for its request (the status {@code users.setActiveStatus} answers with) reaches it.
 * The request waits for the command's outcome, so it is still open while its retries run.
 */
final class RetriesInTheirRequest extends ScheduledThreadPoolExecutor {

    RetriesInTheirRequest() {
        super(1, runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The retry scheduler's one way in: called on the thread whose attempt failed. */
    @Override
    public ScheduledFuture<?> schedule(Runnable retry, long delay, TimeUnit unit) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return super.schedule(() -> {
            RequestContextHolder.setRequestAttributes(request);
            try {
                retry.run();
            } finally {
                RequestContextHolder.resetRequestAttributes();
            }
        }, delay, unit);
    }
}
