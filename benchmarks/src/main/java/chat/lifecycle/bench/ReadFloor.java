package chat.lifecycle.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cheapest authenticated call, {@code GET /api/v1/me}, by closed-loop callers for a fixed time: what the HTTP
 * exchange, authentication and one read cost on this machine before any command runs. With pgbench's figure it
 * bounds the ratio any server answering setActiveStatus over this HTTP stack could reach ({@code Benchmark.baseline}).
 */
final class ReadFloor {

    private final Http http;
    private final Http.Login caller;

    ReadFloor(Http http, Http.Login caller) {
        this.http = http;
        this.caller = caller;
    }

    StatusLoad.Result run(int clients, Duration length) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicInteger failures = new AtomicInteger();
        long began = System.nanoTime();
        long end = began + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                for (long sent = System.nanoTime(); sent < end; sent = System.nanoTime()) {
                    int status = http.get("/api/v1/me", caller).status();
                    latencies.add(System.nanoTime() - sent);
                    if (status != 200) {
                        failures.incrementAndGet();
                    }
                }
            }, "reader-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new StatusLoad.Result(clients, latencies.count(), (System.nanoTime() - began) / 1e9, latencies,
                failures.get());
    }
}
