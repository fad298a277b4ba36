package chat.lifecycle.app.scim;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.jnh.connector.JavaNetHttpConnectorProvider;

/**
 * SCIM clients as identity providers run them: UnboundID's SCIM 2 SDK on Jersey, authenticated with a personal
 * access token as a bearer token; and raw requests for what the SDK cannot express.
 */
final class ScimClients {

    static final String SCIM_JSON = "application/scim+json";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private ScimClients() {
    }

    /** A new personal access token of the user. */
    static String personalAccessToken(Api api, Login user) {
        Reply reply = api.post("/api/v1/users.generatePersonalAccessToken",
                Api.json("tokenName", "scim-" + System.nanoTime()), user);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.text("token");
    }

    /** The SDK against the server's {@code /scim/v2}, sending {@code Authorization: Bearer <token>}. */
    static ScimService service(Api api, String token) {
        Client client = ClientBuilder.newClient(new ClientConfig()
                .connectorProvider(new JavaNetHttpConnectorProvider()));
        client.register((ClientRequestFilter) request ->
                request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        return new ScimService(client.target("http://127.0.0.1:" + api.port() + "/scim/v2"));
    }

    /** A User resource as an identity provider first sends it. */
    static UserResource user(String userName, String externalId) {
        UserResource user = new UserResource().setUserName(userName)
                .setName(new Name().setGivenName("Given").setFamilyName(userName))
                .setEmails(new Email().setValue(userName + "@example.org").setType("work").setPrimary(true))
                .setPassword("pw-" + userName).setActive(true);
        user.setExternalId(externalId);
        return user;
    }

    /** A raw SCIM request with the bearer token. */
    static Reply raw(Api api, String token, String method, String path, String body, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        all[2] = "Content-Type";
        all[3] = SCIM_JSON;
        System.arraycopy(headers, 0, all, 4, headers.length);
        return api.exchange(method, "/scim/v2" + path, body, all);
    }

    static String patch(String operations) {
        return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operations + "]}";
    }
}
