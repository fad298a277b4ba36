package chat.lifecycle.query.user;

import chat.lifecycle.events.user.LoginTokenIssued;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import chat.lifecycle.events.user.UserRoleAdded;
import chat.lifecycle.events.user.UserRoleRemoved;
import java.time.Instant;
import java.util.Collection;
import java.util.TreeSet;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

/**
 * What each user event does to a user's row of {@code user_view}: the live projection does it with statements, the
 * rebuild in memory. A change applies only when the event is newer than the row ({@code version}, the event's
 * sequence in the user's stream), so applying an event the row already reflects changes nothing.
 */
abstract class UserViewRules {

    @EventHandler
    void on(UserCreated event, @SequenceNumber long version, @Timestamp Instant at) {
        create(event, version, at);
    }

    @EventHandler
    void on(UserActivated event, @SequenceNumber long version, @Timestamp Instant at) {
        setActive(event.userId(), true, version, at);
    }

    @EventHandler
    void on(UserDeactivated event, @SequenceNumber long version, @Timestamp Instant at) {
        setActive(event.userId(), false, version, at);
    }

    @EventHandler
    void on(UserRoleAdded event, @SequenceNumber long version, @Timestamp Instant at) {
        setRole(event.userId(), event.role(), true, version, at);
    }

    @EventHandler
    void on(UserRoleRemoved event, @SequenceNumber long version, @Timestamp Instant at) {
        setRole(event.userId(), event.role(), false, version, at);
    }

    @EventHandler
    void on(LoginTokenIssued event, @SequenceNumber long version, @Timestamp Instant at) {
        setLastLogin(event.userId(), version, at);
    }

    @EventHandler
    void on(UserDeleted event) {
        delete(event.userId());
    }

    /** A new row, replacing any of the same id; it has no last login yet. */
    abstract void create(UserCreated event, long version, Instant at);

    /** Sets the status; {@code updated_at} becomes the event's time. */
    abstract void setActive(String userId, boolean active, long version, Instant at);

    /** Adds the role to the sorted set, or removes it; {@code updated_at} becomes the event's time. */
    abstract void setRole(String userId, String role, boolean held, long version, Instant at);

    /** Sets {@code last_login} to the event's time; {@code updated_at} stays. */
    abstract void setLastLogin(String userId, long version, Instant at);

    abstract void delete(String userId);

    /** Roles as the row keeps them: sorted, comma-separated. */
    static String roles(Collection<String> roles) {
        return String.join(",", new TreeSet<>(roles));
    }

    /** The row's {@code roles} with the role or without it. */
    static String withRole(Collection<String> roles, String role, boolean held) {
        TreeSet<String> changed = new TreeSet<>(roles);
        if (held) {
            changed.add(role);
        } else {
            changed.remove(role);
        }
        return String.join(",", changed);
    }
}
