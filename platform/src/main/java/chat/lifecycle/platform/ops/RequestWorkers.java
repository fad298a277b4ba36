package chat.lifecycle.platform.ops;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * that arrived last, so a light load stays on a few threads and connections; the unit test holds the JDK to that.
 * server.tomcat.threads.max and min-spare size the pool. With every worker busy, further requests wait in line on
 * a thread of their own, which hands each to the next worker to free, so Tomcat's poller is never held.
 */
final class RequestWorkers implements TomcatProtocolHandlerCustomizer<ProtocolHandler>, DisposableBean {

    private final ExecutorService waitingLine = Executors.newSingleThreadExecutor(
            new TaskThreadFactory("http-waiting-", true, Thread.NORM_PRIORITY));
    private final ThreadPoolExecutor workers;

    RequestWorkers(ServerProperties.Tomcat.Threads threads) {
        workers = new ThreadPoolExecutor(threads.getMinSpare(), threads.getMax(), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new TaskThreadFactory("http-exec-", true, Thread.NORM_PRIORITY),
                (task, pool) -> waitingLine.execute(() -> handToNextFree(task)));
    }

    private void handToNextFree(Runnable task) {
        try {
            workers.getQueue().put(task);
        } catch (InterruptedException shutDown) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void customize(ProtocolHandler handler) {
        handler.setExecutor(workers);
    }

    /** After the web server has stopped (Spring stops it before it destroys beans). */
    @Override
    public void destroy() {
        waitingLine.shutdownNow();
        workers.shutdown();
    }
}
