package chat.lifecycle.platform.ops;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.ProtocolHandler;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatProtocolHandlerCustomizer;

/**
 * Tomcat's request threads, each request given to the worker that became idle last. Tomcat's own pool wakes the one
 * idle longest, so even a single client's requests go round every worker, and HikariCP lends each worker the
 * connection it used last: a light load keeps every pooled PostgreSQL backend busy in turn, and PostgreSQL spends
 * more CPU on each statement (docs/performance.md). A non-fair {@link SynchronousQueue} hands a task to the waiter
 * that arrived last, so a light load stays on a few threads and connections. With every worker busy, the poller
 * waits for the next one to free instead of queueing; server.tomcat.threads.max and min-spare size the pool.
 */
final class RequestWorkers implements TomcatProtocolHandlerCustomizer<ProtocolHandler>, DisposableBean {

    private final ThreadPoolExecutor workers;

    RequestWorkers(ServerProperties.Tomcat.Threads threads) {
        workers = new ThreadPoolExecutor(threads.getMinSpare(), threads.getMax(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new TaskThreadFactory("http-exec-", true, Thread.NORM_PRIORITY),
                RequestWorkers::awaitWorker);
    }

    private static void awaitWorker(Runnable task, ThreadPoolExecutor workers) {
        try {
            while (!workers.isShutdown()) {
                if (workers.getQueue().offer(task, 1, TimeUnit.SECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new RejectedExecutionException("no request worker took the task");
    }

    @Override
    public void customize(ProtocolHandler handler) {
        handler.setExecutor(workers);
    }

    /** After the web server has stopped (Spring stops it before it destroys beans). */
    @Override
    public void destroy() {
        workers.shutdown();
    }
}
