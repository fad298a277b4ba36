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
        boolean complete = !DeactivationSaga.handsRoomsOver(event);
        CleanupReceipt receipt = complete ? new CleanupReceipt(at, handOverPlan.directMessagesOf(event.userId()))
                : null;
        for (DeactivationStep<?> step : steps.stepsFor(event)) {
            DeactivationStepConfirmed confirmation = commands.send(step.command(event.userId(),
                    event.credentialEpoch()), Actor.SYSTEM, DeactivationSaga.CAUSE);
            if (receipt != null) {
                receipt.confirmed(step.name(), at,
                        confirmation == null ? Map.of() : DeactivationSteps.deleted(step, confirmation));
            }
        }
        if (complete) {
            commands.send(new RecordDeactivationCleanup(event.userId(),
                    receipt.completed(event.userId(), event.credentialEpoch())), Actor.SYSTEM, DeactivationSaga.CAUSE);
        }
    }
}
