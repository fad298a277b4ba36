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
 * Carries out a deactivation's {@link DeactivationStep}s in the deactivation's own transaction (this handler runs
 * in the user lookups' subscribing processor): the credentials are deleted in the commit that voids them, as the
 * commands' confirming events are. When the deactivation relinquished no room, its receipt is recorded there too,
 * and the deactivation is complete at its commit; otherwise the {@link DeactivationSaga} hands the rooms over and
 * records the receipt once they are. A step that fails rolls the deactivation back with it.
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
        if (DeactivationSaga.handsRoomsOver(event)) {
            // the saga's receipt counts the confirmations it sees: every step confirms
            steps.stepsFor(event).forEach(step -> carryOut(step, event));
            return;
        }
        CleanupReceipt receipt = new CleanupReceipt(at, handOverPlan.directMessagesOf(event.userId()));
        for (DeactivationStep<?> step : steps.stepsFor(event)) {
            DeactivationStepConfirmed confirmation = step.nothingToDelete(event.userId()) ? null
                    : carryOut(step, event);
            receipt.confirmed(step.name(), at, confirmation == null ? step.nothingDeleted()
                    : DeactivationSteps.deleted(step, confirmation));
        }
        commands.send(new RecordDeactivationCleanup(event.userId(),
                receipt.completed(event.userId(), event.credentialEpoch())), Actor.SYSTEM, CAUSE);
    }

    private DeactivationStepConfirmed carryOut(DeactivationStep<?> step, UserDeactivated event) {
        return commands.send(step.command(event.userId(), event.credentialEpoch()), Actor.SYSTEM, CAUSE);
    }
}
