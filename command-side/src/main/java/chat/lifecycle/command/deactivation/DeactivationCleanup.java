package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.room.HandOverPlan;
import chat.lifecycle.command.user.UserAccounts;
import chat.lifecycle.events.user.DeactivationStepConfirmed;
import chat.lifecycle.events.user.UserDeactivated;
import java.time.Instant;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Completes a deactivation in its own transaction (this handler runs in the user lookups' subscribing processor):
 * sends every {@link DeactivationStep} there, so the credentials are deleted in the commit that voids them, and
 * records the receipt. A step that fails rolls the deactivation back with it. A deactivation that relinquished rooms,
 * or that follows one whose saga still runs, is left to the {@link DeactivationSaga} instead.
 */
@Component
@ProcessingGroup(UserAccounts.GROUP)
public class DeactivationCleanup {

    static final String CAUSE = "deactivation";

    private final DeactivationSteps steps;
    private final AuditedCommands commands;
    private final HandOverPlan handOverPlan;

    public DeactivationCleanup(DeactivationSteps steps, AuditedCommands commands, HandOverPlan handOverPlan) {
        this.steps = steps;
        this.commands = commands;
        this.handOverPlan = handOverPlan;
    }

    @EventHandler
    void on(UserDeactivated event, @Timestamp Instant at) {
        if (DeactivationSaga.leftToSaga(event)) {
            return;
        }
        CleanupReceipt receipt = new CleanupReceipt(at, handOverPlan.directMessagesOf(event.userId()));
        for (DeactivationStep<?> step : steps.stepsFor(event)) {
            DeactivationStepConfirmed confirmation = step.nothingToDelete(event.userId()) ? null
                    : commands.send(step.command(event.userId(), event.credentialEpoch()), Actor.SYSTEM, CAUSE);
            receipt.confirmed(step.name(), at, confirmation == null ? step.nothingDeleted()
                    : DeactivationSteps.deleted(step, confirmation));
        }
        commands.send(new RecordDeactivationCleanup(event.userId(),
                receipt.completed(event.userId(), event.credentialEpoch())), Actor.SYSTEM, CAUSE);
    }
}
