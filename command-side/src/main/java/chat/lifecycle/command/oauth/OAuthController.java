package chat.lifecycle.command.oauth;

import chat.lifecycle.command.security.Caller;
import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.LiveCredentialCheck.CredentialRevoked;
import chat.lifecycle.command.credentials.LoginTokens;
import chat.lifecycle.command.credentials.Tokens;
import chat.lifecycle.command.oauth.IssueAuthorizationCode;
import chat.lifecycle.command.oauth.NewTokenPair;
import chat.lifecycle.command.oauth.OAuthCredentials;
import chat.lifecycle.command.oauth.OAuthCredentials.App;
import chat.lifecycle.command.oauth.OAuthGrantRefused;
import chat.lifecycle.command.oauth.OAuthGrants;
import chat.lifecycle.command.oauth.RedeemAuthorizationCode;
import chat.lifecycle.command.oauth.RefreshOAuthTokens;
import chat.lifecycle.command.permission.Permissions.Grantee;
import chat.lifecycle.command.user.UserAccounts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The OAuth 2 provider: the authorization-code grant with refresh tokens (RFC 6749), in Rocket.Chat's routes.
 * Errors at the token endpoint are RFC 6749 JSON and never carry a token.
 */
@RestController
@RequestMapping("/oauth")
public class OAuthController {

    private final AuditedCommands commands;
    private final OAuthCredentials oauth;
    private final LoginTokens loginTokens;
    private final UserAccounts accounts;
    private final Duration codeLifetime;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;

    public OAuthController(AuditedCommands commands, OAuthCredentials oauth, LoginTokens loginTokens,
                           UserAccounts accounts,
                           @Value("${lifecycle.oauth.code-lifetime:PT1M}") Duration codeLifetime,
                           @Value("${lifecycle.oauth.access-token-lifetime:PT1H}") Duration accessLifetime,
                           @Value("${lifecycle.oauth.refresh-token-lifetime:P30D}") Duration refreshLifetime) {
        this.commands = commands;
        this.oauth = oauth;
        this.loginTokens = loginTokens;
        this.accounts = accounts;
        this.codeLifetime = codeLifetime;
        this.accessLifetime = accessLifetime;
        this.refreshLifetime = refreshLifetime;
    }

    /**
     * The user, identified by their login {@code token}, allows a client: a redirect to one of the client's own
     * redirect URIs with a code and the state. Requests that cannot name a safe redirect get a 400 instead.
     */
    @PostMapping("/authorize")
    public ResponseEntity<?> authorize(@RequestParam(required = false) String token,
                                       @RequestParam(name = "client_id", required = false) String clientId,
                                       @RequestParam(name = "response_type", required = false) String responseType,
                                       @RequestParam(name = "redirect_uri", required = false) String redirectUri,
                                       @RequestParam(required = false) String state,
                                       @RequestParam(required = false) String allow) {
        App app = Optional.ofNullable(clientId).flatMap(oauth::appByClientId).filter(App::active)
                .orElseThrow(() -> oauthError(HttpStatus.BAD_REQUEST, "invalid_client", "Unknown client"));
        if (redirectUri == null || !app.redirectUris().contains(redirectUri)) {
            throw oauthError(HttpStatus.BAD_REQUEST, "invalid_request", "redirect_uri is not registered");
        }
        Grantee user = Optional.ofNullable(token).flatMap(loginTokens::ownerOf)
                .orElseThrow(() -> oauthError(HttpStatus.UNAUTHORIZED, "access_denied", "You must be logged in"));
        if (!"code".equals(responseType)) {
            return redirect(redirectUri, "error", "unsupported_response_type", state);
        }
        if (!"yes".equals(allow)) {
            return redirect(redirectUri, "error", "access_denied", state);
        }
        String code = Tokens.newSecret();
        try {
            commands.send(new IssueAuthorizationCode(OAuthGrants.idOf(user.userId()), user.userId(), Tokens.newId(),
                    Tokens.hash(code), app.clientId(), redirectUri, Instant.now().plus(codeLifetime),
                    user.credentialEpoch()), actor(user), "oauth.authorize");
        } catch (CredentialRevoked deactivatedMeanwhile) {
            throw oauthError(HttpStatus.UNAUTHORIZED, "access_denied", "User is not active");
        } catch (OAuthGrantRefused refused) {
            throw oauth.appByClientId(app.clientId()).isEmpty()
                    ? oauthError(HttpStatus.BAD_REQUEST, "invalid_client", "Unknown client")
                    : oauthError(HttpStatus.UNAUTHORIZED, "access_denied", "User is not active");
        }
        return redirect(redirectUri, "code", code, state);
    }

    @PostMapping("/token")
    public ResponseEntity<Map<String, Object>> token(
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(required = false) String code,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(name = "refresh_token", required = false) String refreshToken,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "client_secret", required = false) String clientSecret,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        App app = authenticateClient(clientId, clientSecret, authorization);
        String pairToken = Tokens.newSecret();
        String pairRefresh = Tokens.newSecret();
        Instant now = Instant.now();
        NewTokenPair pair = new NewTokenPair(Tokens.newId(), Tokens.hash(pairToken), now.plus(accessLifetime),
                Tokens.hash(pairRefresh), now.plus(refreshLifetime), now);
        try {
            if ("authorization_code".equals(grantType)) {
                Grantee user = Optional.ofNullable(code).flatMap(oauth::codeOwner)
                        .orElseThrow(OAuthController::invalidGrant);
                commands.send(new RedeemAuthorizationCode(OAuthGrants.idOf(user.userId()), Tokens.hash(code),
                        app.clientId(), String.valueOf(redirectUri), pair), actor(user), "oauth.token");
            } else if ("refresh_token".equals(grantType)) {
                Grantee user = Optional.ofNullable(refreshToken).flatMap(oauth::refreshOwner)
                        .orElseThrow(OAuthController::invalidGrant);
                commands.send(new RefreshOAuthTokens(OAuthGrants.idOf(user.userId()), Tokens.hash(refreshToken),
                        app.clientId(), pair), actor(user), "oauth.token");
            } else {
                throw oauthError(HttpStatus.BAD_REQUEST, grantType == null ? "invalid_request"
                        : "unsupported_grant_type", "grant_type must be authorization_code or refresh_token");
            }
        } catch (OAuthGrantRefused | CredentialRevoked refused) {
            throw invalidGrant();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", pairToken);
        body.put("token_type", "Bearer");
        body.put("expires_in", accessLifetime.toSeconds());
        body.put("refresh_token", pairRefresh);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
                .body(body);
    }

    /** OpenID-style claims of the user behind a bearer token. */
    @GetMapping("/userinfo")
    public Map<String, Object> userinfo(@AuthenticationPrincipal Caller caller) {
        var account = accounts.byId(caller.userId()).orElseThrow(ApiException::unauthorized);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", account.id());
        claims.put("name", account.name());
        claims.put("email", account.email());
        claims.put("email_verified", account.emailVerified());
        claims.put("preferred_username", account.username());
        return claims;
    }

    /** The user acting through a code, token or refresh token, in the credential epoch it belongs to. */
    private static Actor actor(Grantee user) {
        return new Actor(user.userId(), user.username(), user.credentialEpoch());
    }

    /** {@code client_secret_basic} or {@code client_secret_post}; a wrong or unknown client is a 401. */
    private App authenticateClient(String clientId, String clientSecret, String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] parts = decodeBasic(authorization.substring(6).trim());
            clientId = parts[0];
            clientSecret = parts[1];
        }
        String secret = clientSecret;
        return Optional.ofNullable(clientId).flatMap(oauth::appByClientId).filter(App::active)
                .filter(app -> OAuthCredentials.secretMatches(app, secret))
                .orElseThrow(() -> oauthError(HttpStatus.UNAUTHORIZED, "invalid_client",
                        "Client authentication failed"));
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? new String[] {null, null}
                    : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return new String[] {null, null};
        }
    }

    private static ResponseEntity<?> redirect(String redirectUri, String key, String value, String state) {
        UriComponentsBuilder location = UriComponentsBuilder.fromUriString(redirectUri).queryParam(key, value);
        if (state != null) {
            location.queryParam("state", state);
        }
        URI target = location.encode().build().toUri();
        return ResponseEntity.status(HttpStatus.FOUND).location(target).build();
    }

    private static ApiException invalidGrant() {
        return oauthError(HttpStatus.BAD_REQUEST, "invalid_grant",
                "The authorization code or refresh token is invalid, expired or revoked");
    }

    private static ApiException oauthError(HttpStatus status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return new ApiException(status, body);
    }
}
