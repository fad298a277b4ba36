package chat.lifecycle.events.user;

import chat.lifecycle.events.FieldAddedUpcaster;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Reads {@link UserDeleted} revision 1 as revision 2: a deletion of that time handed no room over, so
 * {@code relinquishedRoomIds} is empty.
 */
public class UserDeleted1To2Upcaster extends FieldAddedUpcaster {

    public UserDeleted1To2Upcaster() {
        super(UserDeleted.class, 1, "relinquishedRoomIds", JsonNodeFactory.instance.arrayNode());
    }
}
