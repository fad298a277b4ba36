package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a saga's step commands once the saga's own transaction has committed, so its state and its retry deadline
 * are durable before any step runs, and a failing step cannot roll the saga back. A step that fails is only
 * logged: the saga's deadline sends it again until its confirming event arrives.
 *
 * <p>The steps are first sent together, as nested units of work of one unit of work in one transaction: their
 * events are stored in one batch and one commit, and reach the saga in one batch of its processor. If anything
 * fails there (a step's rule, a lock cycle between two users' room steps, a conflict at the commit), all of it rolls
 * back, the aggregates touched are evicted from the cache, and each step is sent again on its own.
 */
public class RevocationSteps {

    private static final Logger log = LoggerFactory.getLogger(RevocationSteps.class);

    private final AuditedCommands commands;
    private final TransactionManager transactions;
    private final Executor executor;
    private final Duration retryAfter;

    public RevocationSteps(AuditedCommands commands, TransactionManager transactions, Executor executor,
                           Duration retryAfter) {
        this.commands = commands;
        this.transactions = transactions;
        this.executor = executor;
        this.retryAfter = retryAfter;
    }

    /** How long a saga waits for its steps to confirm before it sends them again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public void sendAfterCommit(List<Object> steps) {
        Runnable send = () -> executor.execute(() -> {
            // Together only in a unit of work of their own: on the committing thread (a direct executor, in tests)
            // it would be nested in the saga's, already committed.
            if (steps.size() < 2 || CurrentUnitOfWork.isStarted() || !sentTogether(steps)) {
                steps.forEach(this::send);
            }
        });
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> send.run());
        } else {
            send.run();
        }
    }

    private boolean sentTogether(List<Object> steps) {
        UnitOfWork<?> together = DefaultUnitOfWork.startAndGet(null);
        together.attachTransaction(transactions);
        try {
            together.execute(() -> steps.forEach(step -> commands.send(step, Actor.SYSTEM, DeactivationSaga.CAUSE)));
            return true;
        } catch (RuntimeException e) {
            log.debug("revocation steps {} failed together; sending each on its own", steps, e);
            return false;
        }
    }

    private void send(Object step) {
        try {
            commands.send(step, Actor.SYSTEM, DeactivationSaga.CAUSE);
        } catch (RuntimeException e) {
            log.warn("revocation step {} failed; the saga's deadline will retry it", step, e);
        }
    }
}
