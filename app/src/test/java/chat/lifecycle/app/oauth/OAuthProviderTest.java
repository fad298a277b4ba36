package chat.lifecycle.app.oauth;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.oauth.NewTokenPair;
import chat.lifecycle.command.oauth.OAuthGrantRefused;
import chat.lifecycle.command.oauth.OAuthGrants;
import chat.lifecycle.command.oauth.RedeemAuthorizationCode;
import chat.lifecycle.command.oauth.RefreshOAuthTokens;
import java.time.Duration;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The OAuth 2 provider end to end: apps, authorize, code exchange, refresh, bearer use and revocation. */
class OAuthProviderTest extends IntegrationTest {

    private static final String REDIRECT = "https://client.example.org/callback";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditedCommands commands;

    private String clientId;
    private String clientSecret;
    private String userId;
    private String username;
    private Login userLogin;

    @BeforeEach
    void appAndUser() {
        Reply app = api.post("/api/v1/oauth-apps.create", "{\"name\":\"" + unique("app") + "\",\"active\":true,"
                + "\"redirectUri\":\"" + REDIRECT + "\"}", admin);
        assertThat(app.status()).isEqualTo(200);
        clientId = app.text("application.clientId");
        clientSecret = app.text("application.clientSecret");
        username = unique("oauth-user");
        userId = api.createUser(admin, username, "pw-oauth-1");
        userLogin = api.login(username, "pw-oauth-1");
    }

    @Test
    void theAuthorizationCodeFlowGivesABearerTokenThatWorksOnEveryRoute() {
        Tokens tokens = exchange(authorize(userLogin.token(), "xyz"));

        assertThat(tokens.reply().header("Cache-Control")).contains("no-store");
        assertThat(tokens.reply().text("token_type")).isEqualTo("Bearer");
        assertThat(tokens.reply().body().path("expires_in").asLong()).isPositive();
        assertThat(bearer("/api/v1/me", tokens.access()).text("_id")).isEqualTo(userId);
        assertThat(api.getWith("/api/v1/users.info?userId=" + userId + "&access_token=" + tokens.access()).status())
                .isEqualTo(200);
        Reply userinfo = bearer("/oauth/userinfo", tokens.access());
        assertThat(userinfo.text("sub")).isEqualTo(userId);
        assertThat(userinfo.text("preferred_username")).isEqualTo(username);
    }

    @Test
    void theRedirectCarriesCodeAndStateAndOnlyGoesToRegisteredUris() {
        Reply reply = authorizeRaw(userLogin.token(), "state-1", REDIRECT, "code", "yes");
        assertThat(reply.status()).isEqualTo(302);
        Map<String, String> query = query(reply.header("Location"));
        assertThat(reply.header("Location")).startsWith(REDIRECT + "?");
        assertThat(query).containsKey("code").containsEntry("state", "state-1");

        assertThat(authorizeRaw(userLogin.token(), "s", "https://evil.example.org/cb", "code", "yes").status())
                .isEqualTo(400);
        assertThat(query(authorizeRaw(userLogin.token(), "s", REDIRECT, "code", "no").header("Location")))
                .containsEntry("error", "access_denied");
        assertThat(query(authorizeRaw(userLogin.token(), "s", REDIRECT, "token", "yes").header("Location")))
                .containsEntry("error", "unsupported_response_type");
        assertThat(authorizeRaw("not-a-token", "s", REDIRECT, "code", "yes").status()).isEqualTo(401);
    }

    @Test
    void aCodeWorksOnceAndOnlyForItsClientAndSecret() {
        String code = authorize(userLogin.token(), null);

        Reply wrongSecret = api.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", clientId, "client_secret", "wrong"));
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.text("error")).isEqualTo("invalid_client");

        Reply basic = api.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT), "Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        assertThat(basic.status()).isEqualTo(200);

        Reply again = tokenRequest(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text("error")).isEqualTo("invalid_grant");
        assertThat(again.body().has("access_token")).isFalse();
        assertThat(tokenRequest(Map.of("grant_type", "password")).text("error")).isEqualTo("unsupported_grant_type");
    }

    @Test
    void refreshRotatesThePair() {
        Tokens first = exchange(authorize(userLogin.token(), null));

        Reply refreshed = tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", first.refresh()));

        assertThat(refreshed.status()).isEqualTo(200);
        String newAccess = refreshed.text("access_token");
        assertThat(newAccess).isNotEqualTo(first.access());
        assertThat(bearer("/api/v1/me", newAccess).status()).isEqualTo(200);
        assertThat(bearer("/api/v1/me", first.access()).status()).isEqualTo(401);
        assertThat(tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", first.refresh()))
                .text("error")).isEqualTo("invalid_grant");
    }

    @Test
    void injectionShapedAndUnknownBearerTokensAre401() {
        Tokens tokens = exchange(authorize(userLogin.token(), null));

        assertThat(api.getWith("/api/v1/me?access_token[$ne]=x").status()).isEqualTo(401);
        assertThat(api.getWith("/api/v1/me?access_token%5B%24ne%5D=x").status()).isEqualTo(401);
        assertThat(api.getWith("/api/v1/me?access_token=" + tokens.access() + "&access_token[$ne]=x").status())
                .isEqualTo(401);
        assertThat(api.getWith("/api/v1/me?access_token=" + tokens.access() + "&access_token=x").status())
                .isEqualTo(401);
        assertThat(bearer("/api/v1/me", "made-up").status()).isEqualTo(401);
        assertThat(bearer("/oauth/userinfo", "made-up").status()).isEqualTo(401);
        assertThat(api.getWith("/api/v1/me", "Authorization", "Bearer " + tokens.access(), "X-User-Id", userId)
                .status()).isEqualTo(401);
    }

    @Test
    void deactivationKillsEveryOAuthCredentialAndReactivationBringsNoneBack() {
        Tokens tokens = exchange(authorize(userLogin.token(), null));
        String unusedCode = authorize(userLogin.token(), null);

        assertThat(api.setActiveStatus(admin, userId, false).status()).isEqualTo(200);

        assertThat(bearer("/api/v1/me", tokens.access()).status()).isEqualTo(401);
        assertThat(tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refresh()))
                .text("error")).isEqualTo("invalid_grant");
        assertThat(tokenRequest(Map.of("grant_type", "authorization_code", "code", unusedCode,
                "redirect_uri", REDIRECT)).text("error")).isEqualTo("invalid_grant");

        api.setActiveStatus(admin, userId, true);
        assertThat(bearer("/api/v1/me", tokens.access()).status()).isEqualTo(401);
        assertThat(tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refresh()))
                .text("error")).isEqualTo("invalid_grant");
        await("old grants deleted").atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject("select count(*) from oauth_token where user_id = ?",
                Integer.class, userId) + jdbc.queryForObject("select count(*) from oauth_code where user_id = ?",
                Integer.class, userId) == 0);

        Login fresh = api.login(username, "pw-oauth-1");
        Tokens renewed = exchange(authorize(fresh.token(), null));
        assertThat(bearer("/api/v1/me", renewed.access()).status()).isEqualTo(200);
    }

    @Test
    void appsAreListedFetchedAndDeletedByAdminsOnly() {
        Reply list = api.get("/api/v1/oauth-apps.list", admin);
        assertThat(list.body().path("oauthApps").findValuesAsText("clientId")).contains(clientId);
        assertThat(list.raw()).doesNotContain(clientSecret);
        Reply got = api.get("/api/v1/oauth-apps.get?clientId=" + clientId, admin);
        String appId = got.text("oauthApp._id");
        assertThat(got.text("oauthApp.redirectUri")).isEqualTo(REDIRECT);
        assertThat(api.get("/api/v1/oauth-apps.list", userLogin).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/oauth-apps.create", "{\"name\":\"x\",\"active\":true,\"redirectUri\":\"" + REDIRECT
                + "\"}", userLogin).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/oauth-apps.create", "{\"name\":\"x\",\"active\":true}", admin).text("error"))
                .isEqualTo("must have required property 'redirectUri'\n[invalid-params]");

        assertThat(api.post("/api/v1/oauth-apps.delete", Api.json("appId", appId), admin).status()).isEqualTo(200);

        assertThat(api.get("/api/v1/oauth-apps.get?appId=" + appId, admin).status()).isEqualTo(400);
        assertThat(authorizeRaw(userLogin.token(), null, REDIRECT, "code", "yes").status()).isEqualTo(400);
    }

    @Test
    void deletingAnAppRevokesEveryCodeAndTokenItIssuedAtOnce() {
        Tokens tokens = exchange(authorize(userLogin.token(), null));
        String unusedCode = authorize(userLogin.token(), null);
        OtherApp other = otherApp();
        String otherAccess = other.exchange(other.authorize(userLogin.token()));
        String appId = api.get("/api/v1/oauth-apps.get?clientId=" + clientId, admin).text("oauthApp._id");

        assertThat(api.post("/api/v1/oauth-apps.delete", Api.json("appId", appId), admin).status()).isEqualTo(200);

        // no wait: refused and gone from the lookups in the deletion's own transaction
        assertThat(bearer("/oauth/userinfo", tokens.access()).status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from oauth_token where client_id = ?", Integer.class,
                clientId) + jdbc.queryForObject("select count(*) from oauth_code where client_id = ?", Integer.class,
                clientId)).as("codes and tokens of the deleted client left in the lookups").isZero();
        assertThat(bearer("/api/v1/me", tokens.access()).status()).isEqualTo(401);
        assertThat(api.postRaw("/api/v1/users.generatePersonalAccessToken", "{\"tokenName\":\"via-oauth\"}", null,
                "Authorization", "Bearer " + tokens.access(), "Content-Type", "application/json").status())
                .isEqualTo(401);
        assertRefusedGrant(tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", tokens.refresh())));
        assertRefusedGrant(tokenRequest(Map.of("grant_type", "authorization_code", "code", unusedCode,
                "redirect_uri", REDIRECT)));
        assertThat(bearer("/oauth/userinfo", otherAccess).status()).as("another client's token").isEqualTo(200);
    }

    /**
     * A code or refresh token whose request passed the client check just before the app was deleted is refused
     * when its command arrives after: the grants aggregate still holds it, the lookups no longer accept it.
     */
    @Test
    void aGrantThatReachesItsAggregateAfterTheAppsDeletionIsRefused() {
        Tokens tokens = exchange(authorize(userLogin.token(), null));
        String unusedCode = authorize(userLogin.token(), null);
        String appId = api.get("/api/v1/oauth-apps.get?clientId=" + clientId, admin).text("oauthApp._id");
        assertThat(api.post("/api/v1/oauth-apps.delete", Api.json("appId", appId), admin).status()).isEqualTo(200);

        Actor user = new Actor(userId, username, null);
        assertThatThrownBy(() -> commands.send(new RefreshOAuthTokens(OAuthGrants.idOf(userId),
                chat.lifecycle.command.credentials.Tokens.hash(tokens.refresh()), clientId, newPair()), user, "test"))
                .isInstanceOf(OAuthGrantRefused.class);
        assertThatThrownBy(() -> commands.send(new RedeemAuthorizationCode(OAuthGrants.idOf(userId),
                chat.lifecycle.command.credentials.Tokens.hash(unusedCode), clientId, REDIRECT, newPair()), user,
                "test")).isInstanceOf(OAuthGrantRefused.class);
        assertThat(jdbc.queryForObject("select count(*) from oauth_token where client_id = ?", Integer.class,
                clientId)).isZero();
    }

    private static NewTokenPair newPair() {
        Instant now = Instant.now();
        return new NewTokenPair(chat.lifecycle.command.credentials.Tokens.newId(),
                chat.lifecycle.command.credentials.Tokens.hash("access-" + System.nanoTime()), now.plusSeconds(3600),
                chat.lifecycle.command.credentials.Tokens.hash("refresh-" + System.nanoTime()),
                now.plusSeconds(7200), now);
    }

    private static void assertRefusedGrant(Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isIn(400, 401);
        assertThat(reply.text("error")).isIn("invalid_grant", "invalid_client");
        assertThat(reply.body().has("access_token")).isFalse();
    }

    /** A second client of the same user, whose grants must outlive the first one's deletion. */
    private OtherApp otherApp() {
        Reply app = api.post("/api/v1/oauth-apps.create", "{\"name\":\"" + unique("other-app") + "\",\"active\":true,"
                + "\"redirectUri\":\"" + REDIRECT + "\"}", admin);
        return new OtherApp(app.text("application.clientId"), app.text("application.clientSecret"));
    }

    private final class OtherApp {
        private final String id;
        private final String secret;

        OtherApp(String id, String secret) {
            this.id = id;
            this.secret = secret;
        }

        String authorize(String loginToken) {
            Reply reply = api.postForm("/oauth/authorize", Map.of("token", loginToken, "client_id", id,
                    "response_type", "code", "redirect_uri", REDIRECT, "allow", "yes"));
            assertThat(reply.status()).isEqualTo(302);
            return query(reply.header("Location")).get("code");
        }

        String exchange(String code) {
            Reply reply = api.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", REDIRECT, "client_id", id, "client_secret", secret));
            assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
            return reply.text("access_token");
        }
    }

    private record Tokens(String access, String refresh, Reply reply) {
    }

    private String authorize(String loginToken, String state) {
        Reply reply = authorizeRaw(loginToken, state, REDIRECT, "code", "yes");
        assertThat(reply.status()).isEqualTo(302);
        return query(reply.header("Location")).get("code");
    }

    private Reply authorizeRaw(String loginToken, String state, String redirect, String responseType, String allow) {
        Map<String, String> form = new HashMap<>(Map.of("token", loginToken, "client_id", clientId,
                "response_type", responseType, "redirect_uri", redirect, "allow", allow));
        if (state != null) {
            form.put("state", state);
        }
        return api.postForm("/oauth/authorize", form);
    }

    private Tokens exchange(String code) {
        Reply reply = tokenRequest(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return new Tokens(reply.text("access_token"), reply.text("refresh_token"), reply);
    }

    private Reply tokenRequest(Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(fields);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return api.postForm("/oauth/token", form);
    }

    private Reply bearer(String path, String accessToken) {
        return api.getWith(path, "Authorization", "Bearer " + accessToken);
    }

    private static Map<String, String> query(String location) {
        Map<String, String> query = new HashMap<>();
        String raw = URI.create(location).getRawQuery();
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
