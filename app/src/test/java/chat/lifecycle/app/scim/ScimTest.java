package chat.lifecycle.app.scim;

import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.IntegrationTest;
import com.unboundid.scim2.client.ScimService;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the SCIM tests: an identity provider's account (an admin, so it holds {@code manage-scim}), its personal
 * access token, and the SCIM SDK authenticated with it.
 */
abstract class ScimTest extends IntegrationTest {

    protected String provisionerName;
    protected Login provisioner;
    protected String token;
    protected ScimService scim;

    @BeforeEach
    void identityProvider() {
        provisionerName = unique("scim-idp");
        api.createUser(admin, provisionerName, "pw-" + provisionerName, "admin");
        provisioner = api.login(provisionerName, "pw-" + provisionerName);
        token = ScimClients.personalAccessToken(api, provisioner);
        scim = ScimClients.service(api, token);
    }
}
