package chat.lifecycle.events.user;

import chat.lifecycle.events.FieldAddedUpcaster;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Reads {@link UserDeactivated} revision 2, stored while every deactivation's cleanup ran after its commit, as
 * revision 3: the rooms it relinquished were not recorded, so {@code relinquishedRoomIds} is null.
 */
public class UserDeactivated2To3Upcaster extends FieldAddedUpcaster {

    public UserDeactivated2To3Upcaster() {
        super(UserDeactivated.class, 2, "relinquishedRoomIds", NullNode.getInstance());
    }
}
