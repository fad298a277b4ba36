package chat.lifecycle.events.user;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * The receipt of a deactivation: every step of its cleanup has been confirmed, and this is what was removed and
 * when. {@code deleted} counts what was deleted by kind ({@code loginTokens}, {@code personalAccessTokens},
 * {@code oauthAccessTokens}, {@code oauthRefreshTokens}, {@code oauthCodes}; a count is null where it was not
 * recorded); {@code rooms} lists each room handed over (to whom) or deleted; {@code directMessages} the 1:1 DMs made
 * read-only; {@code steps} each step's confirmation time; {@code completedAt} when the last step was confirmed.
 * A later deactivation of the same user covers an earlier one whose cleanup had not completed yet.
 */
@Revision("1")
public record DeactivationCleanupCompleted(String userId, int credentialEpoch, Map<String, Integer> deleted,
                                           List<Room> rooms, List<String> directMessages, List<Step> steps,
                                           Instant completedAt) {

    public static final String HANDED_OVER = "handedOver";
    public static final String DELETED = "deleted";

    /** A room that depended on the user: {@code outcome} {@value #HANDED_OVER} to {@code newOwnerId}, or deleted. */
    public record Room(String roomId, String outcome, String newOwnerId, Instant at) {
    }

    /** One step of the cleanup, by name, and when its confirming event was recorded. */
    public record Step(String step, Instant confirmedAt) {
    }
}
