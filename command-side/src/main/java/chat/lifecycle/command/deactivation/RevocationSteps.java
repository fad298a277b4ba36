package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a saga's step commands once the saga's own transaction has committed, so its state and its retry deadline
 * are durable before any step runs, and a failing step cannot roll the saga back. A step that fails is only
 * logged: the saga's deadline sends it again until its confirming event arrives.
 */
public class RevocationSteps {

    private static final Logger log = LoggerFactory.getLogger(RevocationSteps.class);

    private final AuditedCommands commands;
    private final Executor executor;
    private final Duration retryAfter;

    public RevocationSteps(AuditedCommands commands, Executor executor, Duration retryAfter) {
        this.commands = commands;
        this.executor = executor;
        this.retryAfter = retryAfter;
    }

    /** How long a saga waits for its steps to confirm before it sends them again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public void sendAfterCommit(List<Object> steps) {
        Runnable send = () -> executor.execute(() -> steps.forEach(this::send));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> send.run());
        } else {
            send.run();
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
