package chat.lifecycle.command.room;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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

    /**
     * What became of a room that no longer depends on the leaving user: deleted, or owned by someone else (empty
     * while it still exists with no other owner, a public channel left as it is).
     */
    Optional<Outcome> outcomeOf(String roomId, String leavingUserId);

    /** A room handed over ({@code newOwnerId}) or deleted. */
    record Outcome(boolean deleted, String newOwnerId) {
    }

    /** The user's 1:1 direct messages (a note to self included), read-only while the user is inactive. */
    List<String> directMessagesOf(String userId);
}
