package chat.lifecycle.command.deactivation;

import chat.lifecycle.events.user.DeactivationStepConfirmed;
import chat.lifecycle.events.user.UserDeactivated;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every {@link DeactivationStep} registered, looked up by name or by the event that confirms one. */
public class DeactivationSteps {

    private final List<DeactivationStep<?>> steps;

    public DeactivationSteps(List<DeactivationStep<?>> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The names of the steps the deactivation needs, in registration order. */
    List<String> namesFor(UserDeactivated deactivation) {
        return steps.stream().filter(step -> step.appliesTo(deactivation)).map(DeactivationStep::name).toList();
    }

    /** The steps the deactivation needs, in registration order. */
    List<DeactivationStep<?>> stepsFor(UserDeactivated deactivation) {
        return steps.stream().filter(step -> step.appliesTo(deactivation)).toList();
    }

    Object command(String name, String userId, int credentialEpoch) {
        return byName(name).command(userId, credentialEpoch);
    }

    /** The step the event confirms, with what it deleted; empty for an event no step is confirmed by. */
    Optional<Confirmed> confirmedBy(DeactivationStepConfirmed event) {
        return steps.stream().filter(step -> step.confirmation().isInstance(event)).findFirst()
                .map(step -> new Confirmed(step.name(), deleted(step, event)));
    }

    /** What the step's confirmation counts as deleted. */
    static <E extends DeactivationStepConfirmed> Map<String, Integer> deleted(DeactivationStep<E> step,
                                                                             DeactivationStepConfirmed event) {
        return step.deleted(step.confirmation().cast(event));
    }

    private DeactivationStep<?> byName(String name) {
        return steps.stream().filter(step -> step.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no deactivation step named " + name));
    }

    /** A step confirmed, and what its confirmation counts as deleted. */
    record Confirmed(String step, Map<String, Integer> deleted) {
    }
}
