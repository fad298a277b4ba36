package chat.lifecycle.command.deactivation;

import chat.lifecycle.events.user.DeactivationStepConfirmed;
import chat.lifecycle.events.user.UserDeactivated;
import java.util.Map;

/**
 * One side effect of a deactivation, as data: the idempotent command that carries it out for a user and credential
 * epoch, and the event that confirms it. A new side effect is one Spring bean implementing this (its confirming
 * event implements {@link DeactivationStepConfirmed}); {@link DeactivationCleanup} sends every step that applies in
 * the deactivation's own transaction, or the {@link DeactivationSaga} after it (retrying those not confirmed), and
 * the deactivation's receipt records each confirmation.
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

    /**
     * The command that carries the step out for every credential of epochs before {@code credentialEpoch}; its
     * handler answers the confirmation it recorded, or null when the step was already carried out.
     */
    Object command(String userId, int credentialEpoch);

    /** What the confirmation says was deleted, counted by kind, for the receipt. */
    Map<String, Integer> deleted(E confirmation);

    /**
     * Whether the lookups show nothing for the step to delete, in which case a deactivation completed in its own
     * transaction needs neither its command nor its confirmation, and the receipt counts {@link #nothingDeleted}
     * (the saga, which counts confirmations, always sends the command). By default the step always runs.
     */
    default boolean nothingToDelete(String userId) {
        return false;
    }

    /** The receipt's counts of a step that had nothing to delete. */
    default Map<String, Integer> nothingDeleted() {
        return Map.of();
    }
}
