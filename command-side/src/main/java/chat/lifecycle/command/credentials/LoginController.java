package chat.lifecycle.command.credentials;

import chat.lifecycle.command.security.Caller;
import chat.lifecycle.command.user.UserDocuments;
import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.FailedLogins;
import chat.lifecycle.command.credentials.FailedLogins.Block;
import chat.lifecycle.command.credentials.IssueLoginToken;
import chat.lifecycle.command.credentials.LoginTokens;
import chat.lifecycle.command.credentials.Passwords;
import chat.lifecycle.command.credentials.Passwords.Password;
import chat.lifecycle.command.credentials.RevokeLoginToken;
import chat.lifecycle.command.credentials.Tokens;
import chat.lifecycle.command.user.UserAccounts;
import chat.lifecycle.command.user.UserAccounts.Account;
import chat.lifecycle.command.user.UserAccounts.LoginCandidate;
import chat.lifecycle.command.user.UserRuleViolation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code login} and {@code logout}. A login with a password issues a new token through the user aggregate, which
 * refuses inactive users; a login with {@code resume} answers with the same, still valid token. Failed logins are
 * counted, and too many block further logins for a while ({@link FailedLogins}); the client's address is the
 * request's remote address, which only a trusted proxy may set (server.forward-headers-strategy, see README).
 */
@RestController
@RequestMapping("/api/v1")
public class LoginController {

    private static final Logger log = LoggerFactory.getLogger(LoginController.class);

    private final AuditedCommands commands;
    private final UserAccounts accounts;
    private final LoginTokens loginTokens;
    private final Passwords passwords;
    private final FailedLogins failedLogins;

    public LoginController(AuditedCommands commands, UserAccounts accounts, LoginTokens loginTokens,
                           Passwords passwords, FailedLogins failedLogins) {
        this.commands = commands;
        this.accounts = accounts;
        this.loginTokens = loginTokens;
        this.passwords = passwords;
        this.failedLogins = failedLogins;
    }

    @PostMapping("/login")
    public Map<String, Object> login(ObjectNode request, HttpServletRequest http) {
        String address = http.getRemoteAddr();
        boolean resume = request.path("resume").isTextual();
        Optional<LoginName> name = resume ? Optional.empty() : LoginName.of(request);
        String given = name.map(LoginName::given).orElse(null);
        Optional<Block> block = failedLogins.blocked(address, given);
        if (block.isPresent()) {
            if (block.get() == Block.IP) { // Rocket.Chat counts a login blocked by address, not one blocked by user
                failedLogins.failed(address, given);
            }
            log.info("login refused: too many failed logins for its {}",
                    block.get() == Block.IP ? "address" : "name");
            throw blocked(block.get());
        }
        try {
            return resume ? resume(request.get("resume").textValue(), address)
                    : login(name, Password.of(request.get("password")), address);
        } catch (ApiException refused) {
            failedLogins.failed(address, given);
            throw refused;
        }
    }

    @PostMapping("/logout")
    public Map<String, Object> logout(@AuthenticationPrincipal Caller caller) {
        if (caller.authToken() != null) { // a bearer token is revoked through its OAuth client, not here
            commands.send(new RevokeLoginToken(caller.userId(), Tokens.hash(caller.authToken())), caller.actor(),
                    "logout");
        }
        return Map.of("status", "success", "data", Map.of("message", "You've been logged out!"), "success", true);
    }

    /** One bcrypt comparison whether or not the user exists (see {@link Passwords}), none without a password. */
    private Map<String, Object> login(Optional<LoginName> name, Optional<Password> password, String address) {
        Optional<LoginCandidate> found = name.flatMap(given -> accounts.loginCandidate(given.username(),
                given.email()));
        boolean matches = password.isPresent()
                && passwords.matches(password.get(), found.map(LoginCandidate::passwordHash).orElse(null));
        LoginCandidate account = found.filter(candidate -> matches).orElseThrow(LoginController::unauthorized);
        if (!account.active()) {
            throw notActivated();
        }
        String token = Tokens.newSecret();
        try {
            commands.send(new IssueLoginToken(account.id(), Tokens.newId(), Tokens.hash(token)),
                    new Actor(account.id(), account.username(), null), "login");
        } catch (UserRuleViolation deactivatedMeanwhile) {
            throw notActivated();
        }
        failedLogins.succeeded(address, account.username(), account.email());
        log.info("user {} logged in", account.id());
        return success(accounts.byId(account.id()).orElseThrow(), token);
    }

    private Map<String, Object> resume(String token, String address) {
        Account account = loginTokens.ownerOf(token)
                .flatMap(owner -> accounts.byId(owner.userId()))
                .orElseThrow(LoginController::unauthorized);
        failedLogins.succeeded(address, account.username(), account.email());
        return success(account, token);
    }

    private static Map<String, Object> success(Account account, String token) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", account.id());
        data.put("authToken", token);
        data.put("me", UserDocuments.of(account));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("data", data);
        body.put("success", true);
        return body;
    }

    private static ApiException unauthorized() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("error", "Unauthorized");
        body.put("message", "Unauthorized");
        return new ApiException(HttpStatus.UNAUTHORIZED, body);
    }

    private static ApiException notActivated() {
        return refusedAttempt("error-user-is-not-activated", "User is not activated");
    }

    private static ApiException blocked(Block block) {
        return block == Block.IP
                ? refusedAttempt("error-login-blocked-for-ip", "Login has been temporarily blocked For IP")
                : refusedAttempt("error-login-blocked-for-user", "Login has been temporarily blocked For User");
    }

    /** Rocket.Chat's answer for a login its {@code Accounts.validateLoginAttempt} hook refuses. */
    private static ApiException refusedAttempt(String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        body.put("status", "error");
        body.put("details", Map.of("function", "Accounts.validateLoginAttempt"));
        body.put("message", message);
        return new ApiException(HttpStatus.UNAUTHORIZED, body);
    }

    /**
     * The name a login gives: {@code user} holds a username or an email (looked up as either), or an object with
     * one of them; or {@code username} or {@code email} come on their own.
     */
    private record LoginName(String username, String email) {

        static Optional<LoginName> of(ObjectNode request) {
            JsonNode user = request.path("user");
            if (user.isTextual()) {
                return Optional.of(new LoginName(user.textValue(), user.textValue()));
            }
            JsonNode username = user.isObject() ? user.path("username") : request.path("username");
            if (username.isTextual()) {
                return Optional.of(new LoginName(username.textValue(), null));
            }
            JsonNode email = user.isObject() ? user.path("email") : request.path("email");
            return email.isTextual() ? Optional.of(new LoginName(null, email.textValue())) : Optional.empty();
        }

        String given() {
            return username != null ? username : email;
        }
    }
}
