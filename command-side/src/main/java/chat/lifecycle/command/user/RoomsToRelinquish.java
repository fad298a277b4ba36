package chat.lifecycle.command.user;

import java.util.List;

/**
 * The set-based side of the last-owner rule: the rooms a deactivation of the user would hand over
 * ({@code shouldChangeOwner}) or delete ({@code shouldBeRemoved}), by name.
 */
public interface RoomsToRelinquish {

    Relinquishment of(String userId);

    record Relinquishment(List<String> shouldBeRemoved, List<String> shouldChangeOwner) {

        public boolean isEmpty() {
            return shouldBeRemoved.isEmpty() && shouldChangeOwner.isEmpty();
        }
    }
}
