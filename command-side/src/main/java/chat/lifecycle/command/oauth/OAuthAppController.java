package chat.lifecycle.command.oauth;

import chat.lifecycle.command.web.BodySchema;
import chat.lifecycle.command.security.Caller;
import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.command.web.Columns;
import static chat.lifecycle.command.web.BodySchema.Type.BOOLEAN;
import static chat.lifecycle.command.web.BodySchema.Type.STRING;

import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.Tokens;
import chat.lifecycle.command.oauth.CreateOAuthApp;
import chat.lifecycle.command.oauth.DeleteOAuthApp;
import chat.lifecycle.command.oauth.OAuthCredentials;
import chat.lifecycle.command.oauth.OAuthCredentials.App;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OAuth client applications: {@code oauth-apps.create}, {@code .get}, {@code .list}, {@code .delete}. The client
 * secret is shown once, in the answer to create; only its hash is kept.
 */
@RestController
@RequestMapping("/api/v1")
public class OAuthAppController {

    static final String PERMISSION = "manage-oauth-apps";

    private static final BodySchema CREATE = BodySchema.object()
            .required("name", STRING, Columns.NAME)
            .required("active", BOOLEAN)
            .required("redirectUri", STRING, Columns.REDIRECT_URIS);
    private static final Set<String> SCRIPT_SCHEMES = Set.of("javascript", "data", "vbscript");
    private static final BodySchema DELETE = BodySchema.object().required("appId", STRING);

    private final AuditedCommands commands;
    private final OAuthCredentials oauth;

    public OAuthAppController(AuditedCommands commands, OAuthCredentials oauth) {
        this.commands = commands;
        this.oauth = oauth;
    }

    @PreAuthorize("hasAuthority('manage-oauth-apps')")
    @PostMapping("/oauth-apps.create")
    public Map<String, Object> create(@AuthenticationPrincipal Caller caller, ObjectNode body) {
        BodySchema.Values request = CREATE.validate(body);
        String name = request.text("name").trim();
        List<String> redirectUris = Arrays.stream(request.text("redirectUri").split(","))
                .map(String::trim).filter(uri -> !uri.isEmpty()).toList();
        if (name.isEmpty()) {
            throw ApiException.meteor("error-invalid-name", "Invalid name", Map.of("method", "addOAuthApp"));
        }
        if (redirectUris.isEmpty() || !redirectUris.stream().allMatch(OAuthAppController::redirectable)) {
            throw ApiException.meteor("error-invalid-redirectUri", "Invalid redirectUri",
                    Map.of("method", "addOAuthApp"));
        }
        String appId = Tokens.newId();
        String secret = Tokens.newSecret();
        commands.send(new CreateOAuthApp(appId, name, Tokens.newSecret(), Tokens.hash(secret), redirectUris,
                request.flag("active", true)), caller.actor(), "oauth-apps.create");
        Map<String, Object> application = document(oauth.appById(appId).orElseThrow());
        application.put("clientSecret", secret);
        return Map.of("application", application, "success", true);
    }

    @PreAuthorize("hasAuthority('manage-oauth-apps')")
    @GetMapping("/oauth-apps.get")
    public Map<String, Object> get(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String appId,
                                   @RequestParam(required = false) String clientId,
                                   @RequestParam(required = false, name = "_id") String id) {
        String byId = appId != null ? appId : id;
        App app = (byId != null ? oauth.appById(byId) : clientId != null ? oauth.appByClientId(clientId)
                : java.util.Optional.<App>empty())
                .orElseThrow(() -> ApiException.failure("OAuth app not found."));
        return Map.of("oauthApp", document(app), "success", true);
    }

    @PreAuthorize("hasAuthority('manage-oauth-apps')")
    @GetMapping("/oauth-apps.list")
    public Map<String, Object> list(@AuthenticationPrincipal Caller caller) {
        return Map.of("oauthApps", oauth.apps().stream().map(OAuthAppController::document).toList(),
                "success", true);
    }

    @PreAuthorize("hasAuthority('manage-oauth-apps')")
    @PostMapping("/oauth-apps.delete")
    public Map<String, Object> delete(@AuthenticationPrincipal Caller caller, ObjectNode body) {
        String appId = DELETE.validate(body).text("appId");
        if (oauth.appById(appId).isEmpty()) {
            throw ApiException.failure("OAuth app not found.");
        }
        commands.send(new DeleteOAuthApp(appId), caller.actor(), "oauth-apps.delete");
        return Map.of("success", true);
    }

    /**
     * An absolute URI without a fragment, where a browser can be sent with a code: a web page or an app's own scheme
     * ({@code com.example.app:/cb}), never one that runs what follows it in the browser.
     */
    private static boolean redirectable(String uri) {
        try {
            URI parsed = URI.create(uri);
            return parsed.isAbsolute() && parsed.getFragment() == null && uri.length() <= Columns.REDIRECT_URI
                    && !SCRIPT_SCHEMES.contains(parsed.getScheme().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, Object> document(App app) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_id", app.id());
        document.put("name", app.name());
        document.put("active", app.active());
        document.put("clientId", app.clientId());
        document.put("redirectUri", String.join(",", app.redirectUris()));
        document.put("_createdAt", app.createdAt().toString());
        document.put("_createdBy", Map.of("_id", String.valueOf(app.createdById()),
                "username", String.valueOf(app.createdByUsername())));
        document.put("_updatedAt", app.createdAt().toString());
        return document;
    }
}
