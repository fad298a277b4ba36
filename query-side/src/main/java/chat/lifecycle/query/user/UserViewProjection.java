package chat.lifecycle.query.user;

import chat.lifecycle.events.query.FindUserStatus;
import chat.lifecycle.events.query.UserStatus;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.query.replay.Rebuild;
import chat.lifecycle.query.replay.Rebuildable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Builds {@code user_view} from the user events, one statement or two per event (see {@link UserViewRules}). */
@Component
@ProcessingGroup(UserViewProjection.GROUP)
public class UserViewProjection extends UserViewRules implements Rebuildable {

    public static final String GROUP = "user-view";

    static final String INSERT = """
            insert into user_view (id, username, name, email, email_verified, active, type, roles, federated,
                                   created_at, updated_at, last_login, version)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final UserViews views;

    public UserViewProjection(JdbcTemplate jdbc, UserViews views) {
        this.jdbc = jdbc;
        this.views = views;
    }

    @Override
    void create(UserCreated event, long version, Instant at) {
        jdbc.update("delete from user_view where id = ?", event.userId());
        jdbc.update(INSERT, event.userId(), event.username(), event.name(), event.email(), event.emailVerified(),
                event.active(), event.type(), roles(event.roles()), event.federated(), Timestamp.from(at),
                Timestamp.from(at), null, version);
    }

    @Override
    void setActive(String userId, boolean active, long version, Instant at) {
        jdbc.update("update user_view set active = ?, updated_at = ?, version = ? where id = ? and version < ?",
                active, Timestamp.from(at), version, userId, version);
    }

    @Override
    void setRole(String userId, String role, boolean held, long version, Instant at) {
        views.byId(userId).ifPresent(view -> jdbc.update(
                "update user_view set roles = ?, updated_at = ?, version = ? where id = ? and version < ?",
                withRole(view.roles(), role, held), Timestamp.from(at), version, userId, version));
    }

    @Override
    void setLastLogin(String userId, long version, Instant at) {
        jdbc.update("update user_view set last_login = ?, version = ? where id = ? and version < ?",
                Timestamp.from(at), version, userId, version);
    }

    @Override
    void delete(String userId) {
        jdbc.update("delete from user_view where id = ?", userId);
    }

    /** The view {@code users.setActiveStatus} answers with; null once the user is gone. */
    @QueryHandler
    public UserStatus handle(FindUserStatus query) {
        return views.byId(query.userId()).map(view -> new UserStatus(view.id(), view.active())).orElse(null);
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
    public Rebuild rebuild() {
        return new UserViewRebuild();
    }
}
