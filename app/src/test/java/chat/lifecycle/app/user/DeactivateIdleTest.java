package chat.lifecycle.app.user;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.Tokens;
import chat.lifecycle.command.user.CreateUser;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code users.deactivateIdle}: users of a role not seen for N days are deactivated and their credentials die. */
class DeactivateIdleTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditedCommands commands;

    @Test
    void idleUsersOfTheRoleAreDeactivatedOnceAndTheirTokensDie() {
        String idleName = unique("idle");
        String idle = api.createUser(admin, idleName, "pw-idle-1", "bot");
        Login idleLogin = api.login(idleName, "pw-idle-1");
        String recentName = unique("recent");
        String recent = api.createUser(admin, recentName, "pw-recent-1", "bot");
        String otherRole = api.createUser(admin, unique("guest"), "pw-guest-1", "guest");
        backdate(idle, Duration.ofDays(40));
        backdate(otherRole, Duration.ofDays(40));

        Reply reply = api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":30,\"role\":\"bot\"}", admin);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("count").asInt()).isEqualTo(1);
        assertThat(active(idle)).isFalse();
        assertThat(active(recent)).isTrue();
        assertThat(active(otherRole)).isTrue();
        assertThat(api.get("/api/v1/me", idleLogin).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/users.statusHistory?userId=" + idle, admin).body().path("history").get(1)
                .path("cause").asText()).isEqualTo("users.deactivateIdle");
        assertThat(api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":30,\"role\":\"bot\"}", admin).body()
                .path("count").asInt()).isZero();
    }

    @Test
    void federatedUsersAreLeftToTheirHomeServer() {
        String federated = Tokens.newId();
        commands.send(new CreateUser(federated, unique("remote"), "Remote", unique("remote") + "@elsewhere.org",
                true, null, Set.of("app"), true, true), Actor.SYSTEM, "federation");
        String local = api.createUser(admin, unique("local-app"), "pw-local-1", "app");
        backdate(federated, Duration.ofDays(400));
        backdate(local, Duration.ofDays(400));

        Reply reply = api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":365,\"role\":\"app\"}", admin);

        assertThat(reply.body().path("count").asInt()).isEqualTo(1);
        assertThat(active(federated)).isTrue();
        assertThat(active(local)).isFalse();
    }

    @Test
    void itNeedsThePermissionAndAnIntegerDaysIdle() {
        String name = unique("plain");
        api.createUser(admin, name, "pw-plain-1");

        assertThat(api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":1}", api.login(name, "pw-plain-1"))
                .status()).isEqualTo(403);
        assertThat(api.post("/api/v1/users.deactivateIdle", "{}", admin).text("error"))
                .isEqualTo("must have required property 'daysIdle'\n[invalid-params]");
        assertThat(api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":\"soon\"}", admin).text("error"))
                .isEqualTo("must be integer\n[invalid-params]");
    }

    /** Pretends the user was created, and last logged in, that long ago: the only way to age a test user. */
    private void backdate(String userId, Duration age) {
        Timestamp then = Timestamp.from(Instant.now().minus(age));
        jdbc.update("update user_account set created_at = ?, last_login = ? where id = ?", then, then, userId);
    }

    private boolean active(String userId) {
        return api.get("/api/v1/users.info?userId=" + userId, admin).body().path("user").path("active")
                .asBoolean();
    }
}
