package chat.lifecycle.app.scim;

import static chat.lifecycle.app.scim.ScimClients.patch;
import static chat.lifecycle.app.scim.ScimClients.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import chat.lifecycle.app.support.Api.Reply;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.UserResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Groups are the server-wide roles: adding and removing members grants and takes the role, at once. */
class ScimGroupsTest extends ScimTest {

    @Test
    void addingToTheAdminGroupGrantsManageScimAndRemovingTakesItAway() throws Exception {
        String name = unique("scim-grouped");
        String id = scim.create("Users", ScimClients.user(name, null)).getId();
        ScimService theirs = ScimClients.service(api, ScimClients.personalAccessToken(api,
                api.login(name, "pw-" + name)));
        assertThat(catchThrowableOfType(ForbiddenException.class,
                () -> theirs.searchRequest("Users").invoke(UserResource.class))).isNotNull();

        ListResponse<GroupResource> admins = scim.searchRequest("Groups").filter("displayName eq \"admin\"")
                .invoke(GroupResource.class);
        assertThat(admins.getTotalResults()).isEqualTo(1);
        GroupResource group = admins.getResources().get(0);
        assertThat(group.getMembers()).extracting(Member::getValue).contains(admin.userId());

        Reply added = raw(api, token, "PATCH", "/Groups/admin",
                patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}"));
        assertThat(added.status()).as(added.raw()).isEqualTo(200);
        assertThat(added.body().path("members").findValuesAsText("value")).contains(id);
        assertThat(theirs.searchRequest("Users").filter("id eq \"" + id + "\"").invoke(UserResource.class)
                .getTotalResults()).isEqualTo(1);

        Reply removed = raw(api, token, "PATCH", "/Groups/admin",
                patch("{\"op\":\"Remove\",\"path\":\"members[value eq \\\"" + id + "\\\"]\"}"));
        assertThat(removed.status()).as(removed.raw()).isEqualTo(200);
        assertThat(removed.body().path("members").findValuesAsText("value")).doesNotContain(id);
        assertThat(catchThrowableOfType(ForbiddenException.class,
                () -> theirs.searchRequest("Users").invoke(UserResource.class))).isNotNull();
        assertThat(api.get("/api/v1/users.info?userId=" + id, admin).body().path("user").path("roles")
                .toString()).doesNotContain("admin");
    }

    @Test
    void aPutReplacesTheMembersAndOktaRemovesWithAValueList() throws Exception {
        String first = scim.create("Users", ScimClients.user(unique("scim-agent"), null)).getId();
        String second = scim.create("Users", ScimClients.user(unique("scim-agent"), null)).getId();

        GroupResource agents = scim.retrieve("Groups", "livechat-agent", GroupResource.class);
        agents.setMembers(List.of(new Member().setValue(first), new Member().setValue(second)));
        GroupResource replaced = scim.replace(agents);
        assertThat(replaced.getMembers()).extracting(Member::getValue).containsExactlyInAnyOrder(first, second);

        Reply removed = raw(api, token, "PATCH", "/Groups/livechat-agent",
                patch("{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + first + "\"}]}"));
        assertThat(removed.body().path("members").findValuesAsText("value")).containsExactly(second);
    }

    @Test
    void groupsAreNeitherCreatedNorRenamedAndTheLastActiveAdminStaysOne() {
        assertThat(raw(api, token, "POST", "/Groups", "{\"displayName\":\"new\"}").status()).isEqualTo(501);
        assertThat(raw(api, token, "DELETE", "/Groups/user", null).status()).isEqualTo(501);
        assertThat(raw(api, token, "GET", "/Groups/owner", null).status()).as("room roles are no groups")
                .isEqualTo(404);
        Reply renamed = raw(api, token, "PATCH", "/Groups/bot",
                patch("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"robots\"}"));
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.text("scimType")).isEqualTo("mutability");
        Reply unknown = raw(api, token, "PATCH", "/Groups/bot",
                patch("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"no-such-user\"}]}"));
        assertThat(unknown.text("scimType")).as(unknown.raw()).isEqualTo("invalidValue");
        Reply excluded = raw(api, token, "GET",
                "/Groups?excludedAttributes=members&filter=displayName%20eq%20%22user%22", null);
        assertThat(excluded.body().path("Resources").path(0).has("members")).as(excluded.raw()).isFalse();
    }
}
