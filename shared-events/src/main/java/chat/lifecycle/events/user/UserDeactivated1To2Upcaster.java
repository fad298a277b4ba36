package chat.lifecycle.events.user;

import chat.lifecycle.events.FieldAddedUpcaster;
import com.fasterxml.jackson.databind.node.BooleanNode;

/**
 * Reads {@link UserDeactivated} revision 1, stored before rooms were handed over on deactivation, as revision 2:
 * every deactivation of that time came through {@code users.setActiveStatus}, so {@code handOverRooms} is true.
 */
public class UserDeactivated1To2Upcaster extends FieldAddedUpcaster {

    public UserDeactivated1To2Upcaster() {
        super(UserDeactivated.class, 1, "handOverRooms", BooleanNode.TRUE);
    }
}
