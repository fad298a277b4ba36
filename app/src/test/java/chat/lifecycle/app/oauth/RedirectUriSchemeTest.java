package chat.lifecycle.app.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A redirect URI is where {@code /oauth/authorize} sends the user's browser with a code: one that runs script in the
 * browser ({@code javascript:}, {@code data:}, {@code vbscript:}) is refused when the app is created.
 */
class RedirectUriSchemeTest extends IntegrationTest {

    private static final String INVALID = "{\"success\":false,\"error\":\"Invalid redirectUri "
            + "[error-invalid-redirectUri]\",\"errorType\":\"error-invalid-redirectUri\","
            + "\"details\":{\"method\":\"addOAuthApp\"}}";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void scriptSchemesAreRefused() {
        Integer apps = jdbc.queryForObject("select count(*) from oauth_app", Integer.class);
        for (String uri : List.of("javascript:alert(1)", "JavaScript:alert(document.cookie)//",
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
                "https://client.example.org/cb, javascript:alert(1)")) {
            Reply reply = create(uri);
            assertThat(reply.status()).as(uri + " -> " + reply.raw()).isEqualTo(400);
            assertThat(reply.body()).as(uri).isEqualTo(Api.parse(INVALID));
        }
        assertThat(jdbc.queryForObject("select count(*) from oauth_app", Integer.class)).isEqualTo(apps);
    }

    @Test
    void webAndAppSchemesStillWork() {
        for (String uri : List.of("https://client.example.org/cb", "http://localhost:8080/cb",
                "com.example.app:/oauth2redirect")) {
            Reply reply = create(uri);
            assertThat(reply.status()).as(uri + " -> " + reply.raw()).isEqualTo(200);
            assertThat(reply.text("application.redirectUri")).isEqualTo(uri);
        }
    }

    private Reply create(String redirectUri) {
        return api.post("/api/v1/oauth-apps.create", "{\"name\":\"" + unique("app") + "\",\"active\":true,"
                + "\"redirectUri\":\"" + redirectUri + "\"}", admin);
    }
}
