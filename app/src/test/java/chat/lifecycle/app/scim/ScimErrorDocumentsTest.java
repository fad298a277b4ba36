package chat.lifecycle.app.scim;

import static chat.lifecycle.app.scim.ScimClients.patch;
import static chat.lifecycle.app.scim.ScimClients.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.exceptions.UnauthorizedException;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.UserResource;
import org.junit.jupiter.api.Test;

/** Every refusal of the SCIM routes is an RFC 7644 error document with the right status and scimType. */
class ScimErrorDocumentsTest extends ScimTest {

    @Test
    void aTakenUserNameOrEmailIsAUniquenessConflict() throws Exception {
        String userName = unique("scim-taken");
        scim.create("Users", ScimClients.user(userName, null));

        ResourceConflictException sameName = catchThrowableOfType(ResourceConflictException.class,
                () -> scim.create("Users", ScimClients.user(userName.toUpperCase(), null)));
        assertError(sameName, 409, "uniqueness");
        UserResource sameEmail = ScimClients.user(unique("scim-other"), null)
                .setEmails(new Email().setValue(userName + "@EXAMPLE.org"));
        assertError(catchThrowableOfType(ResourceConflictException.class, () -> scim.create("Users", sameEmail)),
                409, "uniqueness");
    }

    @Test
    void anUnsupportedOrMalformedFilterIsAnInvalidFilter() {
        assertError(catchThrowableOfType(BadRequestException.class, () -> scim.searchRequest("Users")
                .filter("userName sw \"a\"").invoke(UserResource.class)), 400, "invalidFilter");
        for (String filter : new String[] {"userName eq", "title eq \"x\"", "userName eq \"a", "(userName eq \"a\"",
                "active eq maybe", "userName eq \"a\" nor active eq true", "emails[type eq \"work\"] eq \"x\""}) {
            Reply reply = raw(api, token, "GET", "/Users?filter=" + java.net.URLEncoder.encode(filter,
                    java.nio.charset.StandardCharsets.UTF_8), null);
            assertErrorDocument(reply, 400, "invalidFilter");
        }
    }

    @Test
    void badValuesAndBadSyntaxAreRefusedWithTheirTypes() throws Exception {
        String id = scim.create("Users", ScimClients.user(unique("scim-bad"), null)).getId();

        assertErrorDocument(raw(api, token, "PATCH", "/Users/" + id,
                patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}")), 400, "invalidValue");
        assertErrorDocument(raw(api, token, "PATCH", "/Users/" + id,
                patch("{\"op\":\"replace\",\"path\":\"externalId\",\"value\":42}")), 400, "invalidValue");
        assertErrorDocument(raw(api, token, "POST", "/Users", "{\"emails\":[{\"value\":\"x@example.org\"}]}"),
                400, "invalidValue");
        assertErrorDocument(raw(api, token, "POST", "/Users",
                "{\"userName\":\"two words\",\"emails\":[{\"value\":\"x@example.org\"}]}"), 400, "invalidValue");
        assertErrorDocument(raw(api, token, "POST", "/Users", "{\"userName\":\"" + unique("scim-nomail") + "\"}"),
                400, "invalidValue");
        assertErrorDocument(raw(api, token, "POST", "/Users",
                "{\"userName\":\"nul\\u0000\",\"emails\":[{\"value\":\"x@example.org\"}]}"), 400, "invalidValue");

        assertErrorDocument(raw(api, token, "POST", "/Users", "{\"userName\":"), 400, "invalidSyntax");
        assertErrorDocument(raw(api, token, "PATCH", "/Users/" + id, "{\"schemas\":[]}"), 400, "invalidSyntax");
        assertErrorDocument(raw(api, token, "PATCH", "/Users/" + id, patch("{\"op\":\"frobnicate\"}")), 400,
                "invalidSyntax");
        assertErrorDocument(raw(api, token, "PATCH", "/Users/" + id, patch("{\"op\":\"remove\"}")), 400,
                "noTarget");
        assertErrorDocument(raw(api, token, "GET", "/Users?count=many", null), 400, "invalidValue");
    }

    @Test
    void anImmutableAttributeCannotChange() throws Exception {
        UserResource user = scim.create("Users", ScimClients.user(unique("scim-fixed"), null));

        assertErrorDocument(raw(api, token, "PATCH", "/Users/" + user.getId(),
                patch("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"someone-else\"}")), 400, "mutability");
        user.setEmails(new Email().setValue("changed-" + user.getUserName() + "@example.org"));
        assertError(catchThrowableOfType(BadRequestException.class, () -> scim.replace(user)), 400, "mutability");
        // repeating the same values is no change
        Reply same = raw(api, token, "PATCH", "/Users/" + user.getId(), patch("{\"op\":\"replace\",\"value\":{"
                + "\"userName\":\"" + user.getUserName().toUpperCase() + "\",\"title\":\"ignored\"}}"));
        assertThat(same.status()).as(same.raw()).isEqualTo(200);
    }

    @Test
    void unknownUsersAndEndpointsAreNotFound() {
        assertError(catchThrowableOfType(ResourceNotFoundException.class,
                () -> scim.retrieve("Users", "no-such-user", UserResource.class)), 404, null);
        assertErrorDocument(raw(api, token, "PATCH", "/Users/no-such-user",
                patch("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")), 404, null);
        assertErrorDocument(raw(api, token, "DELETE", "/Users/no-such-user", null), 404, null);
        assertErrorDocument(raw(api, token, "POST", "/Bulk", "{}"), 404, null);
    }

    @Test
    void withoutATokenItIs401AndWithoutThePermission403() throws Exception {
        Reply anonymous = api.exchange("GET", "/scim/v2/Users", null);
        assertErrorDocument(anonymous, 401, null);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertError(catchThrowableOfType(UnauthorizedException.class, () -> ScimClients.service(api, "not-a-token")
                .searchRequest("Users").invoke(UserResource.class)), 401, null);

        String name = unique("scim-plain");
        api.createUser(admin, name, "pw-" + name);
        Login plain = api.login(name, "pw-" + name);
        ScimService unprivileged = ScimClients.service(api, ScimClients.personalAccessToken(api, plain));
        assertError(catchThrowableOfType(ForbiddenException.class,
                () -> unprivileged.searchRequest("Users").invoke(UserResource.class)), 403, null);
        // a login token is no bearer token: only personal access tokens (and OAuth access tokens) are
        assertErrorDocument(raw(api, plain.token(), "GET", "/Users", null), 401, null);
    }

    private static void assertError(ScimException e, int status, String scimType) {
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getScimError().getStatus()).isEqualTo(status);
        assertThat(e.getScimError().getScimType()).isEqualTo(scimType);
        assertThat(e.getScimError().getDetail()).isNotBlank();
    }

    private static void assertErrorDocument(Reply reply, int status, String scimType) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
        assertThat(reply.body().path("schemas").toString())
                .isEqualTo("[\"urn:ietf:params:scim:api:messages:2.0:Error\"]");
        assertThat(reply.body().path("status").asText()).isEqualTo(String.valueOf(status));
        assertThat(reply.body().path("scimType").isMissingNode() ? null : reply.body().path("scimType").asText())
                .as(reply.raw()).isEqualTo(scimType);
        assertThat(reply.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
