package chat.lifecycle.command.room;

import java.time.Instant;
import java.util.List;

/** The deactivation saga's view of {@link HandOverPlanner}: the commands that hand a leaving user's rooms over. */
public interface HandOverPlan {

    /**
     * The hand-over decided by the user's deactivation at {@code deactivatedAt}: the rooms the user had joined by
     * then and still depends on, whether or not the user has been reactivated since (Rocket.Chat hands them over
     * before it answers). Rooms joined later are none of that deactivation's business; null means no bound.
     */
    List<HandOverRoom> stepsFor(String leavingUserId, Instant deactivatedAt);

    /** The hand-over still to be done of the rooms a user relinquished by their deletion. */
    List<HandOverRoom> stepsAfterDeletion(String deletedUserId, List<String> roomIds);

    /** The user's 1:1 direct messages (a note to self included), read-only while the user is inactive. */
    List<String> directMessagesOf(String userId);
}
