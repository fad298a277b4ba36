package chat.lifecycle.app.user;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.LifecycleApplication;
import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.TestDatabase;
import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.Tokens;
import chat.lifecycle.command.user.CreateUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * No route leaves the server without an active admin, concurrently neither, and a start with {@code ADMIN_*} set
 * restores one when there is none. Each test has a server and a database of its own: the shared one's admin is
 * always active, so the last-admin rule never bites there.
 */
@ExtendWith(OutputCaptureExtension.class)
class LastActiveAdminTest {

    private static final String ROOT = "root";
    private static final String ROOT_PASSWORD = "root-pass-1";

    @Test
    void idleDeactivationOfEveryAdminSkipsTheLastActiveOneAndSaysSo() {
        try (ConfigurableApplicationContext server = start(TestDatabase.get().sibling(), ROOT)) {
            Api api = api(server);
            Login root = api.login(ROOT, ROOT_PASSWORD);
            String second = api.createUser(root, "second", "pw-second-1", "admin");

            Reply reply = api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":0,\"role\":\"admin\"}", root);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(Api.parse("{\"count\":1,\"skipped\":[{\"_id\":\"" + root.userId()
                    + "\",\"username\":\"root\",\"reason\":\"last-active-admin\"}],\"success\":true}"));
            assertThat(api.get("/api/v1/me", root).status()).isEqualTo(200);
            assertThat(active(api, root, second)).isFalse();
            assertThat(activeAdmins(server)).isEqualTo(1);
        }
    }

    /**
     * An identity provider cannot deactivate, delete or demote the last active admin either: SCIM answers 400
     * mutability, and nothing changes.
     */
    @Test
    void scimNeitherDeactivatesNorDeletesNorDemotesTheLastActiveAdmin() {
        try (ConfigurableApplicationContext server = start(TestDatabase.get().sibling(), ROOT)) {
            Api api = api(server);
            Login root = api.login(ROOT, ROOT_PASSWORD);
            Reply token = api.post("/api/v1/users.generatePersonalAccessToken", Api.json("tokenName", "idp"), root);
            String[] headers = {"Authorization", "Bearer " + token.text("token"),
                    "Content-Type", "application/scim+json"};

            Reply deactivation = api.exchange("PATCH", "/scim/v2/Users/" + root.userId(), "{\"schemas\":"
                    + "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\","
                    + "\"path\":\"active\",\"value\":false}]}", headers);
            Reply deletion = api.exchange("DELETE", "/scim/v2/Users/" + root.userId(), null, headers);
            Reply demotion = api.exchange("PATCH", "/scim/v2/Groups/admin", "{\"schemas\":"
                    + "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\","
                    + "\"path\":\"members\"}]}", headers);

            for (Reply refused : List.of(deactivation, deletion, demotion)) {
                assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
                assertThat(refused.text("scimType")).isEqualTo("mutability");
                assertThat(refused.text("detail")).contains("last active admin");
            }
            assertThat(api.get("/api/v1/me", root).status()).isEqualTo(200);
            assertThat(activeAdmins(server)).isEqualTo(1);
        }
    }

    /**
     * Two admins, each removing the other through a different route at the same moment, round after round: the
     * guard row lets one of them through at a time, so one admin always stays active.
     */
    @Test
    void concurrentRoutesNeverLeaveNoActiveAdmin() throws Exception {
        try (ConfigurableApplicationContext server = start(TestDatabase.get().sibling(), ROOT)) {
            Api api = api(server);
            Login survivor = api.login(ROOT, ROOT_PASSWORD);
            for (int round = 0; round < 6; round++) {
                String name = "admin-" + round;
                api.createUser(survivor, name, "pw-admin-" + round, "admin");
                Login other = api.login(name, "pw-admin-" + round);
                Login first = survivor;
                boolean byStatus = round % 2 == 0;
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<Reply> idle = CompletableFuture.supplyAsync(() -> {
                    await(together);
                    return api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":0,\"role\":\"admin\"}", first);
                });
                CompletableFuture<Reply> removal = CompletableFuture.supplyAsync(() -> {
                    await(together);
                    return byStatus ? api.setActiveStatus(other, first.userId(), false)
                            : api.post("/api/v1/users.delete", Api.json("userId", first.userId()), other);
                });
                assertThat(List.of(idle.get().status(), removal.get().status()))
                        .as("round %d: %s / %s", round, idle.get().raw(), removal.get().raw())
                        .allMatch(status -> status == 200 || status == 400 || status == 401);
                assertThat(activeAdmins(server)).as("active admins after round %d", round).isEqualTo(1);
                survivor = api.get("/api/v1/me", first).status() == 200 ? first : other;
            }
        }
    }

    /**
     * The state a build before the last-admin rule on idle deactivation could leave: admins, none of them active.
     * The bootstrap used to look only for an admin, found one and did nothing, so nobody could sign in as one.
     */
    @Test
    void aStartWithNoActiveAdminReactivatesTheConfiguredOne(CapturedOutput output) {
        TestDatabase database = TestDatabase.get().sibling();
        String root;
        try (ConfigurableApplicationContext server = start(database, null)) {
            root = createDirectly(server, ROOT, ROOT_PASSWORD, false, "admin");
        }
        try (ConfigurableApplicationContext server = start(database, ROOT)) {
            Api api = api(server);

            Login login = api.login(ROOT, ROOT_PASSWORD);

            assertThat(login.userId()).isEqualTo(root);
            assertThat(activeAdmins(server)).isEqualTo(1);
            assertThat(api.get("/api/v1/users.statusHistory?userId=" + root, login).body().path("history").get(1)
                    .path("cause").asText()).isEqualTo("bootstrap");
            assertThat(output.getOut()).containsPattern("WARN .*AdminBootstrap.*no active admin.*root");
        }
    }

    @Test
    void aStartWithNoActiveAdminCreatesTheConfiguredOneWhenItDoesNotExist(CapturedOutput output) {
        TestDatabase database = TestDatabase.get().sibling();
        try (ConfigurableApplicationContext server = start(database, null)) {
            createDirectly(server, "old-admin", "pw-old-1", false, "admin");
        }
        try (ConfigurableApplicationContext server = start(database, ROOT)) {
            Api api = api(server);

            Login login = api.login(ROOT, ROOT_PASSWORD);

            assertThat(api.get("/api/v1/me", login).body().path("roles").toString()).contains("admin");
            assertThat(activeAdmins(server)).isEqualTo(1);
            assertThat(output.getOut()).containsPattern("WARN .*AdminBootstrap.*no active admin.*root");
        }
    }

    /** A user made by a command, as an older build or an import could have left them; no route makes this one. */
    private static String createDirectly(ConfigurableApplicationContext server, String username, String password,
                                         boolean active, String role) {
        String userId = Tokens.newId();
        server.getBean(AuditedCommands.class).send(new CreateUser(userId, username, username,
                username + "@example.org", true, server.getBean(PasswordEncoder.class).encode(password),
                Set.of(role), active, false), Actor.SYSTEM, "test");
        return userId;
    }

    private static int activeAdmins(ConfigurableApplicationContext server) {
        Integer count = server.getBean(JdbcTemplate.class).queryForObject("""
                select count(*) from user_account u join user_role r on r.user_id = u.id
                where r.role = 'admin' and u.active""", Integer.class);
        return count == null ? 0 : count;
    }

    private static boolean active(Api api, Login as, String userId) {
        return api.get("/api/v1/users.info?userId=" + userId, as).body().path("user").path("active").asBoolean();
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code adminUsername} null: no {@code ADMIN_*} settings at all. */
    private static ConfigurableApplicationContext start(TestDatabase database, String adminUsername) {
        Map<String, Object> settings = new HashMap<>(Map.of("server.port", "0",
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.user(),
                "spring.datasource.password", database.password(),
                "spring.datasource.hikari.maximum-pool-size", "8"));
        if (adminUsername != null) {
            settings.putAll(Map.of("ADMIN_USERNAME", adminUsername, "ADMIN_PASS", ROOT_PASSWORD));
        }
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(LifecycleApplication.class).run(arguments.toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
