package chat.lifecycle.command.user;

/**
 * The set-based side of the last-admin rule: whether any active admin other than the given user would remain.
 * Implementations must serialise concurrent callers, or two admins could deactivate each other at once.
 */
public interface ActiveAdmins {

    boolean anyOtherThan(String userId);
}
