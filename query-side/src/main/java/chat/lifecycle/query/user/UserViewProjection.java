package chat.lifecycle.query.user;

import chat.lifecycle.events.query.FindUserStatus;
import chat.lifecycle.events.query.UserStatus;
import chat.lifecycle.events.user.LoginTokenIssued;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import chat.lifecycle.events.user.UserRoleAdded;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import chat.lifecycle.query.replay.Rebuildable;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds {@code user_view} from the user events. Updates only apply when the event is newer than the row
 * ({@code version}), so replaying events the row already reflects is harmless.
 */
@Component
@ProcessingGroup(UserViewProjection.GROUP)
public class UserViewProjection implements Rebuildable {

    public static final String GROUP = "user-view";

    private final JdbcTemplate jdbc;
    private final UserViews views;

    public UserViewProjection(JdbcTemplate jdbc, UserViews views) {
        this.jdbc = jdbc;
        this.views = views;
    }

    @EventHandler
    void on(UserCreated event, @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("delete from user_view where id = ?", event.userId());
        jdbc.update("""
                insert into user_view (id, username, name, email, email_verified, active, type, roles, federated,
                                       created_at, updated_at, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.userId(), event.username(), event.name(), event.email(), event.emailVerified(),
                event.active(), event.type(), String.join(",", new TreeSet<>(event.roles())), event.federated(),
                Timestamp.from(at), Timestamp.from(at), version);
    }

    @EventHandler
    void on(UserActivated event, @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        setActive(event.userId(), true, version, at);
    }

    @EventHandler
    void on(UserDeactivated event, @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        setActive(event.userId(), false, version, at);
    }

    @EventHandler
    void on(UserRoleAdded event, @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        views.byId(event.userId()).ifPresent(view -> {
            TreeSet<String> roles = new TreeSet<>(view.roles());
            roles.add(event.role());
            jdbc.update("update user_view set roles = ?, updated_at = ?, version = ? where id = ? and version < ?",
                    String.join(",", roles), Timestamp.from(at), version, event.userId(), version);
        });
    }

    @EventHandler
    void on(LoginTokenIssued event, @SequenceNumber long version,
            @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("update user_view set last_login = ?, version = ? where id = ? and version < ?",
                Timestamp.from(at), version, event.userId(), version);
    }

    @EventHandler
    void on(UserDeleted event) {
        jdbc.update("delete from user_view where id = ?", event.userId());
    }

    /** The view {@code users.setActiveStatus} answers with; null once the user is gone. */
    @QueryHandler
    public UserStatus handle(FindUserStatus query) {
        return views.byId(query.userId()).map(view -> new UserStatus(view.id(), view.active())).orElse(null);
    }

    private void setActive(String userId, boolean active, long version, Instant at) {
        jdbc.update("update user_view set active = ?, updated_at = ?, version = ? where id = ? and version < ?",
                active, Timestamp.from(at), version, userId, version);
    }

    @Override
    public String processingGroup() {
        return GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("user_view");
    }

    @Override
    public void reset() {
        jdbc.update("delete from user_view");
    }
}
