package chat.lifecycle.command.room;

import java.util.List;

/** The deactivation saga's view of {@link RoomHandOver}: the commands that hand a leaving user's rooms over. */
public interface HandOverSteps {

    /** None once the user is active again: nobody is leaving. */
    List<HandOverRoom> stepsFor(String leavingUserId);
}
