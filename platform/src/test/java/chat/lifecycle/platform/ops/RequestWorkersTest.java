package chat.lifecycle.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.http11.Http11NioProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.ServerProperties;

class RequestWorkersTest {

    private RequestWorkers workers;

    /** Tomcat's protocol handler, given its executor by the customizer as Spring Boot does. */
    private Executor workers(int minSpare, int max) {
        var threads = new ServerProperties().getTomcat().getThreads();
        threads.setMinSpare(minSpare);
        threads.setMax(max);
        workers = new RequestWorkers(threads);
        var protocol = new Http11NioProtocol();
        workers.customize(protocol);
        return protocol.getExecutor();
    }

    @AfterEach
    void shutDown() {
        workers.destroy();
    }

    @Test
    void oneClientsRequestsStayOnOneWorker() throws Exception {
        Executor executor = workers(4, 8);
        awaitStartedWorkersIdle(4);
        Set<Thread> used = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Thread worker = CompletableFuture.supplyAsync(Thread::currentThread, executor).get(5, TimeUnit.SECONDS);
            used.add(worker);
            awaitIdle(worker);
        }
        assertThat(used).hasSize(1);
    }

    @Test
    void withEveryWorkerBusyTheNextRequestWaitsInLineNotThePoller() throws Exception {
        Executor executor = workers(1, 2);
        var release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            executor.execute(() -> awaitQuietly(release));
        }
        var third = new CountDownLatch(1);

        CompletableFuture.runAsync(() -> executor.execute(third::countDown)).get(5, TimeUnit.SECONDS);
        assertThat(third.await(300, TimeUnit.MILLISECONDS)).isFalse();
        release.countDown();
        assertThat(third.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shutDownWorkersTakeNothing() {
        Executor executor = workers(1, 2);
        workers.destroy();
        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    /**
     * Until the pool's prestarted workers all wait for a task (the order in which they first wait is theirs), and
     * an earlier test's workers are gone.
     */
    private static void awaitStartedWorkersIdle(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Thread> workers;
        do {
            workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("http-exec-")).toList();
            if (workers.size() == count && workers.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                return;
            }
            Thread.sleep(1);
        } while (System.nanoTime() < deadline);
        assertThat(workers).as("%d idle request workers", count).hasSize(count)
                .allMatch(worker -> worker.getState() == Thread.State.WAITING);
    }

    /** Until the worker waits for its next task again. */
    private static void awaitIdle(Thread worker) throws InterruptedException {
        while (worker.getState() == Thread.State.RUNNABLE) {
            Thread.sleep(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
