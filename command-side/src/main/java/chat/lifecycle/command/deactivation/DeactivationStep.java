package chat.lifecycle.command.deactivation;

import chat.lifecycle.events.user.DeactivationStepConfirmed;
import chat.lifecycle.events.user.UserDeactivated;
import java.util.Map;

/**
 * One side effect of a deactivation, as data: the idempotent command that carries it out for a user and credential
 * epoch, and the event that confirms it. A new side effect is one Spring bean implementing this (its confirming
 * event implements {@link DeactivationStepConfirmed}); the {@link DeactivationSaga} sends every step that applies,
 * retries those not confirmed, and records each confirmation in the deactivation's receipt.
 */
public interface DeactivationStep<E extends DeactivationStepConfirmed> {

    /** The step's name in the receipt, unique among the steps. */
    String name();

    /** The event type that confirms the step. */
    Class<E> confirmation();

    /** Whether the deactivation needs this step at all. */
    default boolean appliesTo(UserDeactivated deactivation) {
        return true;
    }

    /** The command that carries the step out for every credential of epochs before {@code credentialEpoch}. */
    Object command(String userId, int credentialEpoch);

    /** What the confirmation says was deleted, counted by kind, for the receipt. */
    Map<String, Integer> deleted(E confirmation);
}
