package chat.lifecycle.command.room;

import java.util.List;

/** The deactivation saga's view of {@link RoomHandOver}: the commands that hand a leaving user's rooms over. */
public interface HandOverSteps {

    /** None once the user is active again: nobody is leaving. */
    List<HandOverRoom> stepsFor(String leavingUserId);

    /** The user's 1:1 direct messages (a note to self included), read-only while the user is inactive. */
    List<String> directMessagesOf(String userId);
}
