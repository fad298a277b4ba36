package chat.lifecycle.command.user;

import java.util.List;

/**
 * The set-based side of the last-owner rule: the rooms a deactivation or deletion of the user would hand over
 * ({@code shouldChangeOwner}) or delete ({@code shouldBeRemoved}), by name, and all of them by id.
 */
public interface RoomsToHandOver {

    HandOver of(String userId);

    record HandOver(List<String> shouldBeRemoved, List<String> shouldChangeOwner, List<String> roomIds) {

        public boolean isEmpty() {
            return roomIds.isEmpty();
        }
    }
}
