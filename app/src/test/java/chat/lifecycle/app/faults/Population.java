package chat.lifecycle.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.ServerProcess;
import chat.lifecycle.app.support.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The process-level fault tests' world: a server JVM whose first admin is {@code root}, retrying unconfirmed
 * revocation steps every 2 s, and users who each hold a login token and an OAuth access token.
 */
final class Population {

    static final String ROOT = "root";
    static final String ROOT_PASSWORD = "root-pass-1";
    private static final String REDIRECT = "https://client.example.org/cb";

    /** A user and the credentials they were given while active. */
    record Member(String id, String username, Login login, String bearer) {
    }

    private Population() {
    }

    static ServerProcess start(String name, TestDatabase database) throws IOException {
        return ServerProcess.start(name, database,
                ServerProcess.signsIn(ROOT, ROOT_PASSWORD),
                "--ADMIN_USERNAME=" + ROOT, "--ADMIN_PASS=" + ROOT_PASSWORD,
                "--lifecycle.deactivation.retry-after=PT2S");
    }

    /** {@code count} new users, each signed in and holding an OAuth access token of one client. */
    static List<Member> create(Api api, Login root, String prefix, int count) {
        Reply app = api.post("/api/v1/oauth-apps.create", "{\"name\":\"" + prefix + "\",\"active\":true,"
                + "\"redirectUri\":\"" + REDIRECT + "\"}", root);
        String clientId = app.text("application.clientId");
        String secret = app.text("application.clientSecret");
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String username = prefix + "-" + i;
            String id = api.createUser(root, username, "pw-" + username);
            Login login = api.login(username, "pw-" + username);
            members.add(new Member(id, username, login, bearer(api, login, clientId, secret)));
        }
        return members;
    }

    private static String bearer(Api api, Login user, String clientId, String secret) {
        Reply authorized = api.postForm("/oauth/authorize", Map.of("token", user.token(), "client_id", clientId,
                "response_type", "code", "redirect_uri", REDIRECT, "allow", "yes"));
        String code = URI.create(authorized.header("Location")).getQuery().replaceFirst("^code=", "");
        Reply tokens = api.postForm("/oauth/token", Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "client_id", clientId, "client_secret", secret));
        assertThat(tokens.status()).as(tokens.raw()).isEqualTo(200);
        return tokens.text("access_token");
    }
}
