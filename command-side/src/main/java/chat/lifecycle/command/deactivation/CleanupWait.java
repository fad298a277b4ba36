package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.room.HandOverPlan;
import chat.lifecycle.command.user.UserAccounts;
import chat.lifecycle.events.Audit;
import chat.lifecycle.events.user.DeactivationCleanupCompleted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Lets the request of a deactivation that relinquished rooms wait until the {@link DeactivationSaga} has handed them
 * over and recorded the receipt, on whichever node the saga runs, and a deletion's until the rooms it relinquished are
 * handed over (any other deactivation is complete at its commit). A receipt the saga records is noted in
 * {@code deactivation_done} in its own transaction (this handler runs in the user lookups' subscribing processor); a
 * waiter on the node that recorded it is woken as that transaction commits, and waiters on other nodes see the row at
 * the next poll, one statement every {@code lifecycle.deactivation.done-poll-interval} (10 ms) for all of this node's
 * waiters, and only while there are any. Past
 * {@code lifecycle.deactivation.answer-within} (5 s) the request answers anyway, logged and counted
 * ({@value #TIMEOUTS}): the deactivation is committed and its credentials refused; the cleanup finishes behind it.
 */
@Component
@ProcessingGroup(UserAccounts.GROUP)
public class CleanupWait {

    static final String WAITED = "lifecycle.deactivation.cleanup.wait";
    static final String TIMEOUTS = "lifecycle.deactivation.cleanup.timeouts";

    private static final Logger log = LoggerFactory.getLogger(CleanupWait.class);

    private final JdbcTemplate jdbc;
    private final HandOverPlan handOver;
    private final Duration answerWithin;
    private final long pollMillis;
    private final Timer waited;
    private final Counter timeouts;
    private final Map<String, List<Waiter>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "deactivation-done-poll");
        thread.setDaemon(true);
        return thread;
    });

    private record Waiter(int epoch, CompletableFuture<Void> done) {
    }

    public CleanupWait(JdbcTemplate jdbc, HandOverPlan handOver, MeterRegistry meters,
                       @Value("${lifecycle.deactivation.answer-within:PT5S}") Duration answerWithin,
                       @Value("${lifecycle.deactivation.done-poll-interval:PT0.01S}") Duration pollInterval) {
        this.jdbc = jdbc;
        this.handOver = handOver;
        this.answerWithin = answerWithin;
        this.waited = Timer.builder(WAITED).description("How long deactivations waited for their cleanup")
                .register(meters);
        this.timeouts = Counter.builder(TIMEOUTS)
                .description("Deactivations answered before their cleanup completed").register(meters);
        this.pollMillis = Math.max(1, pollInterval.toMillis());
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    @EventHandler
    void on(DeactivationCleanupCompleted event, @MetaDataValue(Audit.CAUSE) String cause) {
        if (!DeactivationSaga.CAUSE.equals(cause)) {
            return; // recorded in the deactivation's own transaction: nobody waits for it
        }
        if (jdbc.update("update deactivation_done set credential_epoch = ? where user_id = ?",
                event.credentialEpoch(), event.userId()) == 0) {
            jdbc.update("insert into deactivation_done (user_id, credential_epoch) values (?, ?)", event.userId(),
                    event.credentialEpoch());
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> done(event.userId(), event.credentialEpoch()));
        }
    }

    /**
     * Waits until the cleanup of the user's deactivation in that epoch (or a later one) is complete, at most
     * {@code answer-within}; answers whether it is.
     */
    public boolean await(String userId, int epoch) {
        return await(userId, epoch, System.nanoTime() + answerWithin.toNanos());
    }

    /**
     * Waits until the rooms a deletion relinquished are handed over or deleted, at most {@code answer-within}: the
     * lookups are read every poll interval, as deletions that relinquish rooms are rare.
     */
    public boolean awaitHandOver(String deletedUserId, List<String> roomIds) {
        long started = System.nanoTime();
        long deadline = started + answerWithin.toNanos();
        try {
            while (!handOver.stepsAfterDeletion(deletedUserId, roomIds).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    timedOut("deletion", deletedUserId);
                    return false;
                }
                Thread.sleep(pollMillis);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waited.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private void timedOut(String what, String userId) {
        timeouts.increment();
        log.warn("{} of user {}: cleanup not complete after {} ms; answering anyway", what, userId,
                answerWithin.toMillis());
    }

    private boolean await(String userId, int epoch, long deadline) {
        long started = System.nanoTime();
        Waiter waiter = new Waiter(epoch, new CompletableFuture<>());
        waiting.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>()).add(waiter);
        try {
            if (doneEpoch(userId) >= epoch) {
                return true;
            }
            waiter.done().get(Math.max(0, deadline - started), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            timedOut("deactivation (epoch " + epoch + ")", userId);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            waiting.computeIfPresent(userId, (id, list) -> {
                list.remove(waiter);
                return list.isEmpty() ? null : list;
            });
            waited.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private int doneEpoch(String userId) {
        List<Integer> epochs = jdbc.queryForList("select credential_epoch from deactivation_done where user_id = ?",
                Integer.class, userId);
        return epochs.isEmpty() ? -1 : epochs.get(0);
    }

    private void done(String userId, int epoch) {
        List<Waiter> waiters = waiting.get(userId);
        if (waiters != null) {
            waiters.stream().filter(waiter -> waiter.epoch() <= epoch).forEach(waiter -> waiter.done().complete(null));
        }
    }

    /** The receipts recorded on other nodes: one statement for every user waited for. */
    private void poll() {
        try {
            List<String> users = List.copyOf(waiting.keySet());
            if (users.isEmpty()) {
                return;
            }
            String marks = String.join(",", users.stream().map(user -> "?").toList());
            jdbc.query("select user_id, credential_epoch from deactivation_done where user_id in (" + marks + ")",
                    rs -> {
                        done(rs.getString(1), rs.getInt(2));
                    }, users.toArray());
        } catch (RuntimeException e) {
            log.debug("polling for complete deactivations failed; polling again", e);
        }
    }

    @PreDestroy
    void stop() {
        poller.shutdownNow();
    }
}
