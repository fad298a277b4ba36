package chat.lifecycle.app.scim;

import static chat.lifecycle.app.scim.ScimClients.patch;
import static chat.lifecycle.app.scim.ScimClients.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import chat.lifecycle.app.support.Api.Reply;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lists with filters and paging, the discovery documents, and versions: ETag, meta.version and If-Match. */
class ScimListAndVersionTest extends ScimTest {

    @Test
    void filtersSelectAndPagesFollowCreationOrder() throws Exception {
        List<UserResource> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = unique("scim-page" + i);
            users.add(scim.create("Users", ScimClients.user(name, "ext-" + name)));
        }
        String all = "userName eq \"" + users.get(0).getUserName() + "\" or userName eq \""
                + users.get(1).getUserName() + "\" or (userName eq \"" + users.get(2).getUserName() + "\")";

        ListResponse<UserResource> first = scim.searchRequest("Users").filter(all).page(1, 2)
                .invoke(UserResource.class);
        assertThat(first.getTotalResults()).isEqualTo(3);
        assertThat(first.getStartIndex()).isEqualTo(1);
        assertThat(first.getItemsPerPage()).isEqualTo(2);
        assertThat(first.getResources()).extracting(UserResource::getId)
                .containsExactly(users.get(0).getId(), users.get(1).getId());
        ListResponse<UserResource> second = scim.searchRequest("Users").filter(all).page(3, 2)
                .invoke(UserResource.class);
        assertThat(second.getResources()).extracting(UserResource::getId).containsExactly(users.get(2).getId());
        assertThat(second.getItemsPerPage()).isEqualTo(1);
        Reply countOnly = raw(api, token, "GET", "/Users?count=0&filter=" + encode(all), null);
        assertThat(countOnly.body().path("totalResults").asInt()).isEqualTo(3);
        assertThat(countOnly.body().path("Resources")).isEmpty();

        UserResource middle = users.get(1);
        assertThat(ids("externalId eq \"" + middle.getExternalId() + "\"")).containsExactly(middle.getId());
        assertThat(ids("emails.value eq \"" + middle.getUserName().toUpperCase() + "@example.org\""))
                .containsExactly(middle.getId());
        assertThat(ids("userName eq \"" + middle.getUserName().toUpperCase() + "\"")).containsExactly(middle.getId());
        scim.modifyRequest("Users", middle.getId()).replaceValue("active", false).invoke(UserResource.class);
        assertThat(ids("userName eq \"" + middle.getUserName() + "\" and active eq false"))
                .containsExactly(middle.getId());
        assertThat(ids("userName eq \"" + middle.getUserName() + "\" and active eq true")).isEmpty();
    }

    @Test
    void theDiscoveryDocumentsSayWhatIsSupported() throws Exception {
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();
        assertThat(config.getPatch().isSupported()).isTrue();
        assertThat(config.getEtag().isSupported()).isTrue();
        assertThat(config.getFilter().isSupported()).isTrue();
        assertThat(config.getBulk().isSupported()).isFalse();
        assertThat(config.getSort().isSupported()).isFalse();
        assertThat(scim.getResourceTypes().getResources()).extracting(type -> type.getName()).containsExactly("User", "Group");
        assertThat(scim.getSchema("urn:ietf:params:scim:schemas:core:2.0:User").getAttributes())
                .extracting(attribute -> attribute.getName()).contains("userName", "externalId", "active", "emails");
        assertThat(scim.getSchema("urn:ietf:params:scim:schemas:core:2.0:Group").getAttributes())
                .extracting(attribute -> attribute.getName()).containsExactly("displayName", "members");
    }

    @Test
    void everyWriteChangesTheVersionAndIfMatchMustNameTheCurrentOne() throws Exception {
        UserResource created = scim.create("Users", ScimClients.user(unique("scim-etag"), "v1"));
        String id = created.getId();
        Reply read = raw(api, token, "GET", "/Users/" + id, null);
        String version = read.body().path("meta").path("version").asText();
        assertThat(version).startsWith("W/\"").isEqualTo(read.header("ETag")).isEqualTo(created.getMeta().getVersion());
        assertThat(read.body().path("meta").path("location").asText()).endsWith("/scim/v2/Users/" + id);
        assertThat(raw(api, token, "GET", "/Users/" + id, null, "If-None-Match", version).status()).isEqualTo(304);

        // a PUT through the SDK, with the version it read
        created.setExternalId("v2");
        UserResource replaced = scim.replaceRequest(created).ifMatch().invoke();
        assertThat(replaced.getExternalId()).isEqualTo("v2");
        String newer = replaced.getMeta().getVersion();
        assertThat(newer).isNotEqualTo(version);

        assertThat(catchThrowableOfType(PreconditionFailedException.class, () -> scim.modifyRequest("Users", id)
                .ifMatch(version).replaceValue("active", false).invoke(UserResource.class)).getScimError()
                .getStatus()).isEqualTo(412);
        assertThat(scim.retrieve("Users", id, UserResource.class).getActive()).as("nothing written").isTrue();
        assertThat(raw(api, token, "PATCH", "/Users/" + id,
                patch("{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"v3\"}"), "If-Match", "W/\"999\"")
                .status()).isEqualTo(412);
        assertThat(raw(api, token, "DELETE", "/Users/" + id, null, "If-Match", version).status()).isEqualTo(412);

        UserResource deactivated = scim.modifyRequest("Users", id).ifMatch(newer).replaceValue("active", false)
                .invoke(UserResource.class);
        assertThat(deactivated.getActive()).isFalse();
        assertThat(raw(api, token, "DELETE", "/Users/" + id, null, "If-Match", deactivated.getMeta().getVersion())
                .status()).isEqualTo(204);
        assertThat(raw(api, token, "GET", "/Users/" + id, null).status()).isEqualTo(404);
    }

    private List<String> ids(String filter) throws Exception {
        return scim.searchRequest("Users").filter(filter).invoke(UserResource.class).getResources().stream()
                .map(UserResource::getId).toList();
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
