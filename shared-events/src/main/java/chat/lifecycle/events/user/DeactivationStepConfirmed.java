package chat.lifecycle.events.user;

/**
 * An event that confirms one step of a deactivation's cleanup for the user and credential epoch it names: the
 * deactivation saga listens for this type, whatever the step. A new step's confirming event implements it.
 */
public interface DeactivationStepConfirmed {

    String userId();

    int credentialEpoch();
}
