package chat.lifecycle.command.credentials;

import chat.lifecycle.command.web.BodySchema;
import chat.lifecycle.command.security.Caller;
import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.command.web.Columns;
import static chat.lifecycle.command.web.BodySchema.Type.BOOLEAN;
import static chat.lifecycle.command.web.BodySchema.Type.STRING;

import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.IssuePersonalAccessToken;
import chat.lifecycle.command.credentials.LoginTokens;
import chat.lifecycle.command.credentials.RemovePersonalAccessToken;
import chat.lifecycle.command.credentials.Tokens;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Personal access tokens: named login tokens a user makes for scripts, used as {@code X-Auth-Token}. */
@RestController
@RequestMapping("/api/v1")
public class PersonalAccessTokenController {

    static final String PERMISSION = "create-personal-access-tokens";

    private static final BodySchema GENERATE = BodySchema.object()
            .required("tokenName", STRING, Columns.NAME)
            .optional("bypassTwoFactor", BOOLEAN);
    private static final BodySchema REMOVE = BodySchema.object().required("tokenName", STRING);

    private final AuditedCommands commands;
    private final LoginTokens loginTokens;

    public PersonalAccessTokenController(AuditedCommands commands, LoginTokens loginTokens) {
        this.commands = commands;
        this.loginTokens = loginTokens;
    }

    @PreAuthorize("hasAuthority('create-personal-access-tokens')")
    @PostMapping("/users.generatePersonalAccessToken")
    public Map<String, Object> generate(@AuthenticationPrincipal Caller caller, ObjectNode body) {
        String name = GENERATE.validate(body).text("tokenName").trim();
        if (name.isEmpty()) {
            throw ApiException.invalidParams(List.of("must NOT have fewer than 1 characters"));
        }
        String token = Tokens.newSecret();
        commands.send(new IssuePersonalAccessToken(caller.userId(), Tokens.newId(), name, Tokens.hash(token),
                token.substring(token.length() - 6)), caller.actor(), "users.generatePersonalAccessToken");
        return Map.of("token", token, "success", true);
    }

    @PreAuthorize("hasAuthority('create-personal-access-tokens')")
    @GetMapping("/users.getPersonalAccessTokens")
    public Map<String, Object> list(@AuthenticationPrincipal Caller caller) {
        List<Map<String, Object>> tokens = loginTokens.personalTokensOf(caller.userId()).stream().map(token -> {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("name", token.name());
            document.put("createdAt", token.createdAt().toString());
            document.put("lastTokenPart", token.lastTokenPart());
            document.put("bypassTwoFactor", false);
            return document;
        }).toList();
        return Map.of("tokens", tokens, "success", true);
    }

    @PreAuthorize("hasAuthority('create-personal-access-tokens')")
    @PostMapping("/users.removePersonalAccessToken")
    public Map<String, Object> remove(@AuthenticationPrincipal Caller caller, ObjectNode body) {
        String name = REMOVE.validate(body).text("tokenName");
        commands.send(new RemovePersonalAccessToken(caller.userId(), name), caller.actor(),
                "users.removePersonalAccessToken");
        return Map.of("success", true);
    }
}
