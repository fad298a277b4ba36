package chat.lifecycle.app.user;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** users.create, users.delete, users.info, users.list, users.listByStatus, roles and permissions. */
class UserAdministrationTest extends IntegrationTest {

    @Test
    void createAnswersWithTheNewUser() {
        String name = unique("jane");

        Reply reply = api.post("/api/v1/users.create", Api.json("email", name + "@example.org", "name", "Jane",
                "password", "pw-jane-1", "username", name), admin);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode user = reply.body().path("user");
        assertThat(user.path("_id").asText()).hasSize(17).matches("[23456789A-HJ-NP-Za-km-z]+");
        assertThat(user.path("username").asText()).isEqualTo(name);
        assertThat(user.path("active").asBoolean()).isTrue();
        assertThat(user.path("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(user.path("emails").get(0).path("address").asText()).isEqualTo(name + "@example.org");
        assertThat(user.has("password")).isFalse();
        assertThat(reply.raw()).doesNotContain("pw-jane-1").doesNotContain("$2a$");
    }

    @Test
    void aUserCreatedInactiveCannotLogInUntilActivated() {
        String name = unique("kim");
        Reply created = api.post("/api/v1/users.create", "{\"email\":\"" + name + "@example.org\",\"name\":\"Kim\","
                + "\"password\":\"pw-kim-1\",\"username\":\"" + name + "\",\"active\":false}", admin);
        String kim = created.text("user._id");

        assertThat(created.body().path("user").path("active").asBoolean(true)).isFalse();
        assertThat(api.post("/api/v1/login", Api.json("user", name, "password", "pw-kim-1"), null).status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/users.info?userId=" + kim, admin).body().path("user").path("active")
                .asBoolean(true)).isFalse();
        api.setActiveStatus(admin, kim, true);
        assertThat(api.login(name, "pw-kim-1").userId()).isEqualTo(kim);
    }

    @Test
    void createRefusesMissingFieldsTakenNamesAndUnknownRoles() {
        Reply missing = api.post("/api/v1/users.create", Api.json("email", "x@example.org", "name", "X"), admin);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("error")).isEqualTo("must have required property 'password'\n[invalid-params]");

        String name = unique("lee");
        api.createUser(admin, name, "pw-lee-1");
        Reply taken = api.post("/api/v1/users.create", Api.json("email", unique("other") + "@example.org",
                "name", "Lee", "password", "pw", "username", name.toUpperCase()), admin);
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.text("errorType")).isEqualTo("error-field-unavailable");

        Reply emailTaken = api.post("/api/v1/users.create", Api.json("email", name + "@example.org",
                "name", "Lee", "password", "pw", "username", unique("lee2")), admin);
        assertThat(emailTaken.text("errorType")).isEqualTo("error-field-unavailable");

        Reply badRole = api.post("/api/v1/users.create", "{\"email\":\"" + unique("m") + "@example.org\","
                + "\"name\":\"M\",\"password\":\"pw\",\"username\":\"" + unique("m") + "\",\"roles\":[\"king\"]}",
                admin);
        assertThat(badRole.text("errorType")).isEqualTo("error-invalid-role");
    }

    @Test
    void createNeedsThePermission() {
        String name = unique("nina");
        api.createUser(admin, name, "pw-nina-1");
        Login nina = api.login(name, "pw-nina-1");

        Reply reply = api.post("/api/v1/users.create", Api.json("email", "n2@example.org", "name", "N",
                "password", "pw", "username", unique("n2")), nina);

        assertThat(reply.status()).isEqualTo(403);
    }

    @Test
    void deleteRemovesTheUserAndKillsTheirTokens() {
        String name = unique("otto");
        String otto = api.createUser(admin, name, "pw-otto-1");
        Login login = api.login(name, "pw-otto-1");

        Reply reply = api.post("/api/v1/users.delete", Api.json("userId", otto), admin);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("success").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/me", login).status()).isEqualTo(401);
        Reply info = api.get("/api/v1/users.info?userId=" + otto, admin);
        assertThat(info.status()).isEqualTo(400);
        assertThat(info.body()).isEqualTo(Api.parse("{\"success\":false,\"error\":\"User not found.\"}"));
        assertThat(api.setActiveStatus(admin, otto, false).body())
                .isEqualTo(Api.parse("{\"success\":false,\"error\":\"User not found\"}"));
        assertThat(api.post("/api/v1/users.delete", Api.json("userId", otto), admin).text("errorType"))
                .isEqualTo("error-invalid-user");
    }

    @Test
    void infoShowsRolesAndEmailsOnlyToThemselvesOrPrivilegedCallers() {
        String name = unique("pia");
        String pia = api.createUser(admin, name, "pw-pia-1");
        Login piaLogin = api.login(name, "pw-pia-1");

        JsonNode seenByAdmin = api.get("/api/v1/users.info?userId=" + pia, admin).body().path("user");
        JsonNode seenByHerself = api.get("/api/v1/users.info?username=" + name, piaLogin).body().path("user");
        JsonNode adminSeenByPia = api.get("/api/v1/users.info?userId=" + admin.userId(), piaLogin).body()
                .path("user");

        assertThat(seenByAdmin.has("roles")).isTrue();
        assertThat(seenByAdmin.has("emails")).isTrue();
        assertThat(seenByHerself.has("roles")).isTrue();
        assertThat(adminSeenByPia.has("roles")).isFalse();
        assertThat(adminSeenByPia.has("emails")).isFalse();
        assertThat(adminSeenByPia.path("username").asText()).isEqualTo(ADMIN);
        assertThat(adminSeenByPia.path("type").asText()).isEqualTo("user");
        assertThat(api.get("/api/v1/users.info?userId=nobody", admin).text("error")).isEqualTo("User not found.");
    }

    @Test
    void listByStatusSeparatesActiveFromDeactivated() {
        String name = unique("quinn");
        String quinn = api.createUser(admin, name, "pw-quinn-1");
        api.setActiveStatus(admin, quinn, false);

        Reply deactivated = api.get("/api/v1/users.listByStatus?status=deactivated&count=1000&searchTerm=" + name,
                admin);
        Reply active = api.get("/api/v1/users.listByStatus?status=active&count=1000&searchTerm=" + name, admin);

        assertThat(deactivated.body().path("users").findValuesAsText("_id")).containsExactly(quinn);
        assertThat(active.body().path("users").findValuesAsText("_id")).isEmpty();
        assertThat(deactivated.body().path("total").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/users.listByStatus?status=sleepy", admin).text("errorType"))
                .isEqualTo("invalid-params");
    }

    @Test
    void listPagesThroughAllUsers() {
        api.createUser(admin, unique("rae"), "pw-rae-1");

        Reply first = api.get("/api/v1/users.list?count=1&offset=0", admin);
        Reply second = api.get("/api/v1/users.list?count=1&offset=1", admin);

        assertThat(first.body().path("count").asInt()).isEqualTo(1);
        assertThat(first.body().path("total").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(first.text("users.0._id")).isNotEqualTo(second.body().path("users").get(0).path("_id").asText());
    }

    @Test
    void addUserToRoleGrantsThePermissionsOfTheRole() {
        String name = unique("sam");
        String sam = api.createUser(admin, name, "pw-sam-1");
        Login samLogin = api.login(name, "pw-sam-1");
        String target = api.createUser(admin, unique("target"), "pw-t-1");
        assertThat(api.setActiveStatus(samLogin, target, false).status()).isEqualTo(403);

        Reply reply = api.post("/api/v1/roles.addUserToRole", Api.json("roleName", "admin", "username", name), admin);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text("role._id")).isEqualTo("admin");
        assertThat(api.setActiveStatus(samLogin, target, false).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/roles.addUserToRole", Api.json("roleName", "admin", "username", name), admin)
                .text("errorType")).isEqualTo("error-user-already-in-role");
        assertThat(api.post("/api/v1/roles.addUserToRole", Api.json("roleName", "king", "username", name), admin)
                .text("errorType")).isEqualTo("error-role-not-found");
        assertThat(api.get("/api/v1/users.info?userId=" + sam, admin).body().path("user").path("roles").toString())
                .contains("admin");
    }

    @Test
    void permissionsUpdateChangesWhoMayActAndListAllShowsIt() {
        String name = unique("tess");
        api.createUser(admin, name, "pw-tess-1");
        Login tess = api.login(name, "pw-tess-1");
        String target = api.createUser(admin, unique("target"), "pw-t-1");
        try {
            Reply update = api.post("/api/v1/permissions.update", "{\"permissions\":[{\"_id\":"
                    + "\"edit-other-user-active-status\",\"roles\":[\"admin\",\"user\"]}]}", admin);
            assertThat(update.status()).isEqualTo(200);

            assertThat(api.setActiveStatus(tess, target, false).status()).isEqualTo(200);
            JsonNode all = api.get("/api/v1/permissions.listAll", tess).body().path("update");
            JsonNode edit = null;
            for (JsonNode permission : all) {
                if (permission.path("_id").asText().equals("edit-other-user-active-status")) {
                    edit = permission;
                }
            }
            assertThat(edit).isNotNull();
            assertThat(edit.path("roles").toString()).isEqualTo("[\"admin\",\"user\"]");
        } finally {
            api.post("/api/v1/permissions.update", "{\"permissions\":[{\"_id\":\"edit-other-user-active-status\","
                    + "\"roles\":[\"admin\"]}]}", admin);
        }
        assertThat(api.setActiveStatus(tess, target, true).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/permissions.update", "{\"permissions\":[{\"_id\":\"edit-other-user-active-status\","
                + "\"roles\":[\"admin\"]}]}", tess).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/permissions.update", "{\"permissions\":[{\"_id\":\"no-such\",\"roles\":[]}]}",
                admin).text("errorType")).isEqualTo("error-invalid-permission");
    }
}
