package chat.lifecycle.app.user;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.Tokens;
import chat.lifecycle.command.user.CreateUser;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code POST /api/v1/users.setActiveStatus}: every row of the contract's table, over real HTTP. */
@ExtendWith(OutputCaptureExtension.class)
class SetActiveStatusTest extends IntegrationTest {

    private static final String ROUTE = "/api/v1/users.setActiveStatus";

    @Autowired
    AuditedCommands commands;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void deactivatingAUserAnswersWithExactlyItsIdAndStatus() {
        String bob = api.createUser(admin, unique("bob"), "pw-bob-1");

        Reply reply = api.setActiveStatus(admin, bob, false);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo(Api.parse("{\"user\":{\"_id\":\"" + bob + "\",\"active\":false},"
                + "\"success\":true}"));
    }

    @Test
    void anImmediateReadShowsTheNewStatus() {
        String bob = api.createUser(admin, unique("bob"), "pw-bob-1");

        api.setActiveStatus(admin, bob, false);

        assertThat(api.get("/api/v1/users.info?userId=" + bob, admin).body().path("user").path("active")
                .asBoolean(true)).isFalse();
        api.setActiveStatus(admin, bob, true);
        assertThat(api.get("/api/v1/users.info?userId=" + bob, admin).body().path("user").path("active")
                .asBoolean(false)).isTrue();
    }

    @Test
    void reactivatingAnswersWithActiveTrue() {
        String bob = api.createUser(admin, unique("bob"), "pw-bob-1");
        api.setActiveStatus(admin, bob, false);

        Reply reply = api.setActiveStatus(admin, bob, true);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("user").path("active").asBoolean(false)).isTrue();
    }

    @Test
    void aRepeatAnswers200AndRecordsNoChange() {
        String bob = api.createUser(admin, unique("bob"), "pw-bob-1");
        api.setActiveStatus(admin, bob, false);
        long events = statusChangesOf(bob);

        Reply reply = api.setActiveStatus(admin, bob, false);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("user").path("active").asBoolean(true)).isFalse();
        assertThat(statusChangesOf(bob)).isEqualTo(events);
    }

    @Test
    void withoutCredentialsTheAnswerIs401() {
        Reply reply = api.post(ROUTE, "{\"userId\":\"x\",\"activeStatus\":false}", null);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo(Api.parse("{\"success\":false,"
                + "\"error\":\"You must be logged in to do this.\",\"status\":\"error\","
                + "\"message\":\"You must be logged in to do this.\"}"));
    }

    @Test
    void aForgedTokenIs401EvenWithABadBody() {
        Reply reply = api.post(ROUTE, "not json", new Login(admin.userId(), "forged"));

        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void aCallerWithoutEitherPermissionIs403BeforeTheBodyIsChecked() {
        String name = unique("plain");
        api.createUser(admin, name, "pw-plain-1");
        Login plain = api.login(name, "pw-plain-1");

        Reply reply = api.post(ROUTE, "{}", plain);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body()).isEqualTo(Api.parse("{\"success\":false,\"error\":"
                + "\"User does not have the permissions required for this action [error-unauthorized]\"}"));
    }

    /**
     * Each node holds the roles' permissions in memory: a grant and its withdrawal count from the next request on
     * every node (split: four requests reach both command nodes in turn, each having held the old permissions).
     */
    @Test
    void aPermissionChangeCountsFromTheNextRequestOnEveryNode() {
        String name = unique("auditor");
        api.createUser(admin, name, "pw-auditor-1", "user", "auditor");
        Login auditor = api.login(name, "pw-auditor-1");
        String bob = api.createUser(admin, unique("bob"), "pw-bob-1");
        try {
            for (int i = 0; i < 4; i++) {
                assertThat(api.setActiveStatus(auditor, bob, false).status()).as("before the grant").isEqualTo(403);
            }
            grant("edit-other-user-active-status", "admin", "auditor");
            for (int i = 0; i < 4; i++) {
                assertThat(api.setActiveStatus(auditor, bob, i % 2 == 1).status()).as("granted").isEqualTo(200);
            }
        } finally {
            grant("edit-other-user-active-status", "admin");
        }
        for (int i = 0; i < 4; i++) {
            assertThat(api.setActiveStatus(auditor, bob, false).status()).as("withdrawn").isEqualTo(403);
        }
    }

    @Test
    void aMissingActiveStatusIsInvalidParams() {
        Reply reply = api.post(ROUTE, "{\"userId\":\"abc\"}", admin);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(Api.parse("{\"success\":false,"
                + "\"error\":\"must have required property 'activeStatus'\\n[invalid-params]\","
                + "\"errorType\":\"invalid-params\"}"));
    }

    @Test
    void anEmptyOrNonJsonBodyCountsAsAnEmptyObject() {
        for (String body : new String[] {"", "not json", "[1,2]"}) {
            Reply reply = api.postRaw(ROUTE, body, admin, "Content-Type", "text/plain");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.text("error")).isEqualTo("must have required property 'userId'\n[invalid-params]");
        }
    }

    @Test
    void theValidatorsWordsForEachKindOfBadBody() {
        assertInvalid("{\"userId\":\"a\",\"activeStatus\":\"maybe\"}", "must be boolean");
        assertInvalid("{\"userId\":\"a\",\"activeStatus\":2}", "must be boolean");
        assertInvalid("{\"userId\":{},\"activeStatus\":true}", "must be string");
        assertInvalid("{\"userId\":[\"a\"],\"activeStatus\":true}", "must be string");
        assertInvalid("{\"userId\":\"a\",\"activeStatus\":true,\"extra\":1}", "must NOT have additional properties");
        assertInvalid("{\"userId\":\"a\",\"activeStatus\":true,\"confirmRelinquish\":\"x\"}", "must be boolean");
    }

    @Test
    void booleansAndIdsAreCoercedLikeRocketChatDoes() {
        String bob = api.createUser(admin, unique("bob"), "pw-bob-1");

        assertThat(api.post(ROUTE, "{\"userId\":\"" + bob + "\",\"activeStatus\":\"false\"}", admin)
                .body().path("user").path("active").asBoolean(true)).isFalse();
        assertThat(api.post(ROUTE, "{\"userId\":\"" + bob + "\",\"activeStatus\":1}", admin)
                .body().path("user").path("active").asBoolean(false)).isTrue();
        assertThat(api.post(ROUTE, "{\"userId\":\"" + bob + "\",\"activeStatus\":null,\"confirmRelinquish\":null}",
                admin).body().path("user").path("active").asBoolean(true)).isFalse();
        Reply numericId = api.post(ROUTE, "{\"userId\":12345,\"activeStatus\":true}", admin);
        assertThat(numericId.status()).isEqualTo(400);
        assertThat(numericId.body()).isEqualTo(Api.parse("{\"success\":false,\"error\":\"User not found\"}"));
    }

    @Test
    void aJsonBodyWithoutAJsonContentTypeIsRead() {
        String bob = api.createUser(admin, unique("bob"), "pw-bob-1");

        Reply reply = api.postRaw(ROUTE, "{\"userId\":\"" + bob + "\",\"activeStatus\":false}", admin,
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("user").path("active").asBoolean(true)).isFalse();
    }

    @Test
    void aModeratorWithoutTheEditPermissionIsNotAllowed() {
        String name = unique("mod");
        api.createUser(admin, name, "pw-mod-1", "user", "livechat-monitor");
        Login moderator = api.login(name, "pw-mod-1");
        String bob = api.createUser(admin, unique("bob"), "pw-bob-1");
        grant("manage-moderation-actions", "admin", "livechat-monitor");
        try {
            Reply reply = api.setActiveStatus(moderator, bob, false);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).isEqualTo(Api.parse("{\"success\":false,"
                    + "\"error\":\"Not allowed [error-not-allowed]\",\"errorType\":\"error-not-allowed\","
                    + "\"details\":{\"method\":\"setUserActiveStatus\"}}"));
            assertThat(api.get("/api/v1/users.info?userId=" + bob, admin).body().path("user").path("active")
                    .asBoolean(false)).isTrue();
        } finally {
            grant("manage-moderation-actions", "admin");
        }
    }

    /** Bad input is the caller's error: answered, and not logged with a stack trace (callers could flood the log). */
    @Test
    void anUnknownUserIsNotFound(CapturedOutput log) {
        Reply reply = api.setActiveStatus(admin, "NoSuchUser1234567", false);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(Api.parse("{\"success\":false,\"error\":\"User not found\"}"));
        assertThat(log.getOut()).doesNotContain("AggregateNotFoundException");
    }

    @Test
    void aFederatedUsersStatusCannotChange() {
        String federated = Tokens.newId();
        commands.send(new CreateUser(federated, unique("remote"), "Remote", unique("remote") + "@elsewhere.org",
                true, null, Set.of("user"), true, true), Actor.SYSTEM, "federation");

        Reply reply = api.setActiveStatus(admin, federated, false);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(Api.parse("{\"success\":false,"
                + "\"error\":\"Cannot change federated users status [error-user-is-federated]\","
                + "\"errorType\":\"error-user-is-federated\",\"details\":{\"method\":\"setUserActiveStatus\"}}"));
        assertThat(statusChangesOf(federated)).isZero();
    }

    @Test
    void theLastActiveAdminCannotBeDeactivatedEvenByThemselves() {
        String secondName = unique("admin2");
        String second = api.createUser(admin, secondName, "pw-admin2-1", "admin");
        Login secondAdmin = api.login(secondName, "pw-admin2-1");
        // confirmRelinquish: the shared admin may own rooms that other test classes made
        assertThat(api.post(ROUTE, "{\"userId\":\"" + admin.userId() + "\",\"activeStatus\":false,"
                + "\"confirmRelinquish\":true}", secondAdmin).status()).isEqualTo(200);
        try {
            Reply reply = api.setActiveStatus(secondAdmin, second, false);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.body()).isEqualTo(Api.parse("{\"success\":false,"
                    + "\"error\":\"Leaving the app without an active admin is not allowed [error-action-not-allowed]\","
                    + "\"errorType\":\"error-action-not-allowed\","
                    + "\"details\":{\"method\":\"removeUserFromRole\",\"action\":\"Remove_last_admin\"}}"));
        } finally {
            assertThat(api.setActiveStatus(secondAdmin, admin.userId(), true).status()).isEqualTo(200);
        }
        assertThat(api.setActiveStatus(api.login(ADMIN, ADMIN_PASSWORD), second, false).status()).isEqualTo(200);
    }

    @Test
    void anAdminMayDeactivateThemselvesWhileAnotherAdminIsActive() {
        String name = unique("admin3");
        String third = api.createUser(admin, name, "pw-admin3-1", "admin");
        Login thirdAdmin = api.login(name, "pw-admin3-1");

        Reply reply = api.setActiveStatus(thirdAdmin, third, false);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", thirdAdmin).status()).isEqualTo(401);
    }

    private void assertInvalid(String body, String message) {
        Reply reply = api.post(ROUTE, body, admin);
        assertThat(reply.status()).as(body).isEqualTo(400);
        assertThat(reply.body()).as(body).isEqualTo(Api.parse("{\"success\":false,\"error\":"
                + Api.parse("\"" + message + "\\n[invalid-params]\"") + ",\"errorType\":\"invalid-params\"}"));
    }

    private void grant(String permission, String... roles) {
        StringBuilder list = new StringBuilder();
        for (String role : roles) {
            list.append(list.isEmpty() ? "" : ",").append('"').append(role).append('"');
        }
        Reply reply = api.post("/api/v1/permissions.update",
                "{\"permissions\":[{\"_id\":\"" + permission + "\",\"roles\":[" + list + "]}]}", admin);
        assertThat(reply.status()).isEqualTo(200);
    }

    /** The user's status changes in the store (the saga adds revocations of its own, in its own time). */
    private long statusChangesOf(String userId) {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                        + "and payload_type in ('chat.lifecycle.events.user.UserDeactivated', "
                        + "'chat.lifecycle.events.user.UserActivated')", Long.class, userId);
        return count == null ? 0 : count;
    }
}
