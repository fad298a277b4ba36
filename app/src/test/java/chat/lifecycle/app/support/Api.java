package chat.lifecycle.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small real-HTTP client for the tests: every call goes over a socket to the running server. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final int port;

    public Api(int port) {
        this("127.0.0.1", port);
    }

    /** A client that connects to this host: {@code [::1]}, say, to come from another address than 127.0.0.1. */
    public Api(String host, int port) {
        this.base = "http://" + host + ":" + port;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Credentials of a signed-in user. */
    public record Login(String userId, String token) {
    }

    public record Reply(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String text(String path) {
            JsonNode node = body;
            for (String part : path.split("\\.")) {
                node = node.isArray() ? node.path(Integer.parseInt(part)) : node.path(part);
            }
            return node.asText();
        }
    }

    public Reply post(String path, String json, Login as) {
        return send(request(path, as).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    public Reply postRaw(String path, String body, Login as, String... headers) {
        HttpRequest.Builder request = request(path, as).POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    public Reply get(String path, Login as) {
        return send(request(path, as).GET());
    }

    /** A GET with headers of the caller's choosing (a bearer token, say) and no login. */
    public Reply getWith(String path, String... headers) {
        HttpRequest.Builder request = request(path, null).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Any method, with a body (null for none) and headers of the caller's choosing and no login. */
    public Reply exchange(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = request(path, null).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** An {@code application/x-www-form-urlencoded} POST, as OAuth clients send. */
    public Reply postForm(String path, java.util.Map<String, String> fields, String... headers) {
        StringBuilder form = new StringBuilder();
        fields.forEach((key, value) -> form.append(form.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        HttpRequest.Builder request = request(path, null).POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** Logs in and fails the test unless it works. */
    public Login login(String user, String password) {
        Reply reply = post("/api/v1/login", json("user", user, "password", password), null);
        if (reply.status() != 200) {
            throw new AssertionError("login of " + user + " failed: " + reply.raw());
        }
        return new Login(reply.text("data.userId"), reply.text("data.authToken"));
    }

    /** Creates a user through {@code users.create} and returns their id. */
    public String createUser(Login admin, String username, String password, String... roles) {
        String body = roles.length == 0
                ? json("email", username + "@example.org", "name", username, "password", password,
                "username", username)
                : "{\"email\":\"" + username + "@example.org\",\"name\":\"" + username + "\",\"password\":\""
                + password + "\",\"username\":\"" + username + "\",\"roles\":" + array(roles) + "}";
        Reply reply = post("/api/v1/users.create", body, admin);
        if (reply.status() != 200) {
            throw new AssertionError("users.create " + username + " failed: " + reply.raw());
        }
        return reply.text("user._id");
    }

    public Reply setActiveStatus(Login as, String userId, boolean active) {
        return post("/api/v1/users.setActiveStatus",
                "{\"userId\":\"" + userId + "\",\"activeStatus\":" + active + "}", as);
    }

    /** A flat JSON object of string values, from alternating keys and values. */
    public static String json(String... keysAndValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            node.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return node.toString();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static JsonNode lenient(String raw) {
        try {
            return raw.isEmpty() ? JSON.createObjectNode() : JSON.readTree(raw);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String array(String... values) {
        List<String> quoted = new ArrayList<>();
        for (String value : values) {
            quoted.add("\"" + value + "\"");
        }
        return "[" + String.join(",", quoted) + "]";
    }

    private HttpRequest.Builder request(String path, Login as) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (as != null) {
            request.header("X-User-Id", as.userId()).header("X-Auth-Token", as.token());
        }
        return request;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            return new Reply(response.statusCode(), lenient(raw), raw, response.headers());
        } catch (IOException e) {
            throw new AssertionError("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
