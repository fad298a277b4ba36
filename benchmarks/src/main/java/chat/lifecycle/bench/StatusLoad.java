package chat.lifecycle.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code clients} concurrent callers deactivating and reactivating users (this server's users.setActiveStatus or the
 * peer's, see {@link Deactivations}), each over its own subjects, alternating: deactivate the next subject, then
 * reactivate the oldest one whose deactivation has completed, when there is one (a reactivation before that would
 * cut its cleanup short: a user who is back hands no room over). No caller ever waits for a completion, so the
 * window measures requests only; the subjects still inactive at its end are reactivated after it, outside the
 * figures. Where completion comes with the reply ({@link CompletionSignal#atTheReply}), each subject is
 * deactivated, then reactivated at once.
 */
final class StatusLoad {

    /** Subjects a window left inactive (their sagas still running then); {@link #restore} reactivates them. */
    private final java.util.Queue<Subject> leftActive = new java.util.concurrent.ConcurrentLinkedQueue<>();

    record Result(int clients, int requests, double seconds, Latencies latencies, int failures) {
        double throughput() {
            return requests / seconds;
        }
    }

    private final Deactivations deactivations;

    StatusLoad(Deactivations deactivations) {
        this.deactivations = deactivations;
    }

    Result run(int clients, List<Subject> subjects, CompletionSignal completion) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Subject> mine = new ArrayList<>();
            for (int i = c; i < subjects.size(); i += clients) {
                mine.add(subjects.get(i));
            }
            Thread thread = new Thread(() -> {
                await(start);
                ArrayDeque<Subject> deactivated = new ArrayDeque<>();
                for (Subject next : mine) {
                    call(next, false, latencies, failures, firstFailure, completion);
                    deactivated.add(next);
                    if (completion.done(deactivated.peek().userId())) {
                        call(deactivated.poll(), true, latencies, failures, firstFailure, completion);
                    }
                }
                leftActive.addAll(deactivated);
            }, "client-" + c);
            thread.start();
            threads.add(thread);
        }
        long began = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        if (firstFailure.get() != null) {
            System.err.println("first failure at " + clients + " clients: " + firstFailure.get());
        }
        return new Result(clients, latencies.count(), seconds, latencies, failures.get());
    }

    /** Reactivates, unmeasured, the subjects a window left inactive once their sagas are done. */
    void restore() {
        for (Subject subject = leftActive.poll(); subject != null; subject = leftActive.poll()) {
            deactivations.reactivate(subject);
        }
    }

    private void call(Subject subject, boolean active, Latencies latencies, AtomicInteger failures,
                      AtomicReference<String> firstFailure, CompletionSignal completion) {
        long sent = System.nanoTime();
        Http.Reply reply = active ? deactivations.reactivate(subject) : deactivations.deactivate(subject);
        long answered = System.nanoTime();
        latencies.add(answered - sent);
        if (reply.status() / 100 != 2) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, reply.status() + " " + reply.raw().body());
        } else if (!active) {
            completion.accepted(subject, answered);
        }
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
