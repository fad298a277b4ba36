package chat.lifecycle.app.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Who the caller is comes only from credentials the command side checked. In the split deployment the proxy
 * establishes the identity the query side trusts (X-Lifecycle-* headers): a client's own copies of those headers
 * are dropped, and the proxy's internal route cannot be reached from outside.
 */
class ForgedIdentityTest extends IntegrationTest {

    private static final String READ_ROUTE = "/api/v1/users.listByStatus?status=active";

    @Test
    void identityHeadersFromAClientAreIgnored() {
        assertThat(api.getWith("/api/v1/me", "X-Lifecycle-User-Id", admin.userId(),
                "X-Lifecycle-Permissions", "view-full-other-user-info").status()).isEqualTo(401);
        assertThat(api.getWith(READ_ROUTE, "X-Lifecycle-User-Id", admin.userId(), "X-Lifecycle-Username", ADMIN,
                "X-Lifecycle-Permissions", "view-user-administration").status()).isEqualTo(401);
    }

    @Test
    void aForgedTokenGetsTheContractsUnauthorized() {
        assertThat(api.get("/api/v1/me", new Login(admin.userId(), "forged")).body())
                .isEqualTo(Api.parse("{\"success\":false,\"error\":\"You must be logged in to do this.\","
                        + "\"status\":\"error\",\"message\":\"You must be logged in to do this.\"}"));
    }

    @Test
    void aSignedInUserCannotAddPermissionsOfTheirOwn() {
        String plain = unique("plain");
        api.createUser(admin, plain, "pw-" + plain);
        Login login = api.login(plain, "pw-" + plain);

        assertThat(api.getWith(READ_ROUTE, "X-User-Id", login.userId(), "X-Auth-Token", login.token(),
                "X-Lifecycle-Permissions", "view-user-administration").status()).isEqualTo(403);
    }

    @Test
    void theProxysInternalRouteIsClosed() {
        assumeTrue(SPLIT, "only the split deployment has a proxy");

        assertThat(api.get("/internal/authenticate", admin).status()).isEqualTo(404);
    }
}
