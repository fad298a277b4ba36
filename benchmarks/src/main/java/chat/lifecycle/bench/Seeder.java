package chat.lifecycle.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Makes the users the load works on, through the routes a real client would use. */
final class Seeder {

    private static final String REDIRECT = "https://bench.example.org/cb";

    private final Http http;
    private final Http.Login admin;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private String clientId;
    private String clientSecret;
    private String heirName;
    private String heirId;
    private int counter;

    Seeder(Http http, Http.Login admin) {
        this.http = http;
        this.admin = admin;
    }

    /** {@code count} subjects, made by 8 clients at once (the password hashing dominates). */
    List<Subject> subjects(int count) throws Exception {
        prepare();
        return inParallel(names(count), this::subject);
    }

    /** {@code count} users holding one login token each and nothing else, as the peer phase's users hold a session. */
    List<Subject> withSession(int count) throws Exception {
        return inParallel(names(count), name -> {
            String id = createUser(name);
            return new Subject(id, http.login(name, "pw-" + name), null, null, null);
        });
    }

    /** Each name made into a subject by 8 clients at once, in the names' order. */
    static List<Subject> inParallel(List<String> names, Function<String, Subject> make) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Subject>> made = new ArrayList<>();
            for (String name : names) {
                made.add(pool.submit(() -> make.apply(name)));
            }
            List<Subject> subjects = new ArrayList<>();
            for (Future<Subject> subject : made) {
                subjects.add(subject.get());
            }
            return subjects;
        } finally {
            pool.shutdown();
        }
    }

    private synchronized List<String> names(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("bench-" + run + "-" + (++counter));
        }
        return names;
    }

    /** A plain user without credentials or rooms, for warm-up and history runs. */
    String plainUser(String prefix) {
        String name = prefix + "-" + run + "-" + (++counter);
        return createUser(name);
    }

    private synchronized void prepare() {
        if (clientId != null) {
            return;
        }
        Http.Reply app = Http.expect(http.post("/api/v1/oauth-apps.create",
                Http.object("name", "bench-" + run, "active", true, "redirectUri", REDIRECT), admin), 200, "app");
        clientId = app.text("application.clientId");
        clientSecret = app.text("application.clientSecret");
        heirName = "bench-heir-" + run;
        heirId = createUser(heirName);
    }

    private Subject subject(String name) {
        String id = createUser(name);
        Http.Login login = http.login(name, "pw-" + name);
        Http.Reply authorized = http.postForm("/oauth/authorize", Map.of("token", login.token(),
                "client_id", clientId, "response_type", "code", "redirect_uri", REDIRECT, "allow", "yes"));
        String location = authorized.raw().headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("authorize answered " + authorized.status()));
        String code = URI.create(location).getQuery().replaceFirst("^code=", "");
        Http.Reply tokens = Http.expect(http.postForm("/oauth/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT, "client_id", clientId, "client_secret", clientSecret)),
                200, "token");
        Http.Reply room = Http.expect(http.post("/api/v1/channels.create",
                Http.object("name", "room-" + name, "members", List.of(heirName)), login), 200, "channel");
        return new Subject(id, login, tokens.text("access_token"), room.text("channel._id"), heirId);
    }

    private String createUser(String name) {
        Http.Reply reply = Http.expect(http.post("/api/v1/users.create", Http.object("email", name + "@bench.org",
                "name", name, "password", "pw-" + name, "username", name), admin), 200, "users.create");
        return reply.text("user._id");
    }
}
