package chat.lifecycle.app.scim;

import static chat.lifecycle.app.scim.ScimClients.patch;
import static chat.lifecycle.app.scim.ScimClients.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.UserResource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Identity providers offboarding a person over SCIM, as Okta and Entra ID do it: the deactivation is exactly
 * {@code users.setActiveStatus}'s, rooms handed over, every credential refused by the time the answer arrives, the
 * status history naming SCIM and the provisioning user; then the person comes back.
 */
class ScimDeprovisioningTest extends ScimTest {

    /** A person the identity provider created, signed in, with a PAT, sole owner of a channel with two members. */
    private record Person(String id, String userName, Login login, Login personalToken, String channel,
                          String firstMember) {
    }

    @Test
    void oktaFindsTheUserByUserNameDeactivatesWithAValueObjectAndReactivates() throws Exception {
        Person alice = provision("okta-alice");

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter("userName eq \"" + alice.userName() + "\"").invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        String id = found.getResources().get(0).getId();
        assertThat(id).isEqualTo(alice.id());

        Reply deactivated = raw(api, token, "PATCH", "/Users/" + id,
                patch("{\"op\":\"replace\",\"value\":{\"active\":false}}"));
        assertThat(deactivated.status()).as(deactivated.raw()).isEqualTo(200);
        assertThat(deactivated.body().path("active").asBoolean(true)).isFalse();
        assertDeprovisioned(alice);

        UserResource back = scim.modifyRequest("Users", id).replaceValue("active", true).invoke(UserResource.class);
        assertThat(back.getActive()).isTrue();
        assertCameBack(alice);
    }

    @Test
    void entraIdDeactivatesWithACapitalisedOpAndAStringBooleanThenDeletes() throws Exception {
        String userName = unique("entra-bob");
        assertThat(scim.searchRequest("Users").filter("userName eq \"" + userName + "\"")
                .invoke(UserResource.class).getTotalResults()).isZero();
        Person bob = provision(userName);
        assertThat(scim.searchRequest("Users").filter("externalId eq \"idp-" + userName + "\"")
                .invoke(UserResource.class).getResources()).extracting(UserResource::getId).containsExactly(bob.id());

        Reply deactivated = raw(api, token, "PATCH", "/Users/" + bob.id(),
                patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"));
        assertThat(deactivated.status()).as(deactivated.raw()).isEqualTo(200);
        assertThat(deactivated.body().path("active").asBoolean(true)).isFalse();
        assertDeprovisioned(bob);

        Reply reactivated = raw(api, token, "PATCH", "/Users/" + bob.id(),
                patch("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}"));
        assertThat(reactivated.body().path("active").asBoolean(false)).as(reactivated.raw()).isTrue();
        assertCameBack(bob);

        scim.delete("Users", bob.id());
        assertThatThrownBy(() -> scim.retrieve("Users", bob.id(), UserResource.class))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(api.get("/api/v1/users.info?userId=" + bob.id(), admin).status()).isEqualTo(400);
    }

    @Test
    void deletingTheSoleOwnerHandsTheChannelOverBeforeTheAnswer() throws Exception {
        Person carol = provision(unique("delete-carol"));

        Reply deleted = raw(api, token, "DELETE", "/Users/" + carol.id(), null);

        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
        assertThat(owners(carol.channel())).contains(carol.firstMember());
        assertThat(api.get("/api/v1/me", carol.personalToken()).status()).isEqualTo(401);
    }

    private Person provision(String userName) throws Exception {
        UserResource created = scim.create("Users", ScimClients.user(userName, "idp-" + userName));
        assertThat(created.getId()).isNotBlank();
        assertThat(created.getExternalId()).isEqualTo("idp-" + userName);
        Login login = api.login(userName, "pw-" + userName);
        Login personal = new Login(login.userId(), ScimClients.personalAccessToken(api, login));
        String first = unique("member");
        String second = unique("member");
        api.createUser(admin, first, "pw-" + first);
        api.createUser(admin, second, "pw-" + second);
        Reply channel = api.post("/api/v1/channels.create", "{\"name\":\"" + unique("scim-chan")
                + "\",\"members\":[\"" + first + "\",\"" + second + "\"]}", login);
        assertThat(channel.status()).as(channel.raw()).isEqualTo(200);
        String firstId = api.get("/api/v1/users.info?username=" + first, admin).text("user._id");
        return new Person(created.getId(), userName, login, personal, channel.text("channel._id"), firstId);
    }

    /** Right after the SCIM answer: credentials refused, the channel handed over, the history naming SCIM. */
    private void assertDeprovisioned(Person person) {
        assertThat(api.get("/api/v1/me", person.login()).status()).as("login token").isEqualTo(401);
        assertThat(api.get("/api/v1/me", person.personalToken()).status()).as("personal access token")
                .isEqualTo(401);
        assertThat(owners(person.channel())).contains(person.firstMember());
        JsonNode last = lastStatusChange(person);
        assertThat(last.path("active").asBoolean(true)).isFalse();
        assertThat(last.path("cause").asText()).isEqualTo("scim");
        assertThat(last.path("by").path("_id").asText()).isEqualTo(provisioner.userId());
        assertThat(last.path("by").path("username").asText()).isEqualTo(provisionerName);
        assertThat(last.path("confirmRelinquish").asBoolean(false)).isTrue();
    }

    /** Active again: the old credentials stay dead, a new login works, the history names SCIM. */
    private void assertCameBack(Person person) {
        assertThat(api.get("/api/v1/me", person.login()).status()).isEqualTo(401);
        assertThat(api.login(person.userName(), "pw-" + person.userName()).userId()).isEqualTo(person.id());
        JsonNode last = lastStatusChange(person);
        assertThat(last.path("active").asBoolean(false)).isTrue();
        assertThat(last.path("cause").asText()).isEqualTo("scim");
    }

    private List<String> owners(String channel) {
        JsonNode roles = api.get("/api/v1/channels.roles?roomId=" + channel, admin).body().path("roles");
        List<String> owners = new ArrayList<>();
        roles.forEach(role -> {
            if (role.path("roles").toString().contains("\"owner\"")) {
                owners.add(role.path("u").path("_id").asText());
            }
        });
        return owners;
    }

    private JsonNode lastStatusChange(Person person) {
        Reply history = api.get("/api/v1/users.statusHistory?userId=" + person.id(), admin);
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        JsonNode entries = history.body().path("history");
        assertThat(entries.get(0).path("cause").asText()).as("created by SCIM").isEqualTo("scim");
        return entries.get(entries.size() - 1);
    }
}
