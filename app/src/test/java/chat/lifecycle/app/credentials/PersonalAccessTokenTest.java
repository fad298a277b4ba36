package chat.lifecycle.app.credentials;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import java.time.Duration;

/** Personal access tokens: made, listed, used as X-Auth-Token, removed, and dead after a deactivation. */
class PersonalAccessTokenTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPersonalAccessTokenWorksAsAuthTokenUntilRemoved() {
        String name = unique("pat");
        String user = api.createUser(admin, name, "pw-pat-1");
        Login login = api.login(name, "pw-pat-1");

        Reply generated = api.post("/api/v1/users.generatePersonalAccessToken", Api.json("tokenName", "ci"), login);

        assertThat(generated.status()).isEqualTo(200);
        Login pat = new Login(user, generated.text("token"));
        assertThat(api.get("/api/v1/me", pat).text("_id")).isEqualTo(user);
        Reply listed = api.get("/api/v1/users.getPersonalAccessTokens", login);
        assertThat(listed.body().path("tokens").findValuesAsText("name")).containsExactly("ci");
        assertThat(listed.text("tokens.0.lastTokenPart")).isEqualTo(pat.token().substring(pat.token().length() - 6));
        assertThat(listed.raw()).doesNotContain(pat.token());
        assertThat(api.post("/api/v1/users.generatePersonalAccessToken", Api.json("tokenName", "ci"), login)
                .text("errorType")).isEqualTo("error-token-already-exists");

        assertThat(api.post("/api/v1/users.removePersonalAccessToken", Api.json("tokenName", "ci"), login).status())
                .isEqualTo(200);

        assertThat(api.get("/api/v1/me", pat).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/users.removePersonalAccessToken", Api.json("tokenName", "ci"), login)
                .text("errorType")).isEqualTo("error-token-does-not-exists");
    }

    @Test
    void aDeactivationKillsPersonalAccessTokensForGood() {
        String name = unique("pat2");
        String user = api.createUser(admin, name, "pw-pat2-1");
        Login login = api.login(name, "pw-pat2-1");
        Login pat = new Login(user, api.post("/api/v1/users.generatePersonalAccessToken",
                Api.json("tokenName", "deploy"), login).text("token"));

        api.setActiveStatus(admin, user, false);

        assertThat(api.get("/api/v1/me", pat).status()).isEqualTo(401);
        api.setActiveStatus(admin, user, true);
        assertThat(api.get("/api/v1/me", pat).status()).isEqualTo(401);
        await("tokens deleted").atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from login_token where user_id = ?", Integer.class, user) == 0);
        Login fresh = api.login(name, "pw-pat2-1");
        assertThat(api.get("/api/v1/users.getPersonalAccessTokens", fresh).body().path("tokens")).isEmpty();
    }

    @Test
    void generatingNeedsThePermissionAndAName() {
        String name = unique("pat3");
        api.createUser(admin, name, "pw-pat3-1", "guest");
        Login guest = api.login(name, "pw-pat3-1");

        assertThat(api.post("/api/v1/users.generatePersonalAccessToken", Api.json("tokenName", "x"), guest).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/users.generatePersonalAccessToken", "{}", admin).text("error"))
                .isEqualTo("must have required property 'tokenName'\n[invalid-params]");
    }
}
