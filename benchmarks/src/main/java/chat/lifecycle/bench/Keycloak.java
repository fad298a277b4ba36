package chat.lifecycle.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The peer: a Keycloak server started by benchmarks/run, driven through its admin REST API. Its realm holds the
 * subjects, each with one live session from a password grant, as this server's subjects hold one login token.
 * Deactivating a user there takes two requests, {@code PUT users/{id} {"enabled":false}} and
 * {@code POST users/{id}/logout} (the session is deleted by the second); reactivating takes one,
 * {@code PUT users/{id} {"enabled":true}}.
 */
final class Keycloak implements Deactivations {

    private static final String REALM = "bench";
    private static final String CLIENT = "bench-login";
    private static final String USERS = "/admin/realms/" + REALM + "/users";
    private static final int DAY_SECONDS = 86_400;

    private final Http http;
    private final String[] bearer;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private int counter;

    /**
     * Logs the bootstrap admin in, after making admin tokens and sessions last the run (the master realm's tokens
     * last a minute, and its sessions end after 30 idle minutes, however busy their tokens are).
     */
    Keycloak(Http http, String admin, String password) {
        this.http = http;
        String[] shortLived = {"Authorization", "Bearer " + adminToken(admin, password)};
        Http.expect(http.put("/admin/realms/master", Http.object("accessTokenLifespan", DAY_SECONDS,
                "ssoSessionIdleTimeout", DAY_SECONDS, "ssoSessionMaxLifespan", DAY_SECONDS), shortLived), 204,
                "master realm token and session lifespans");
        bearer = new String[] {"Authorization", "Bearer " + adminToken(admin, password)};
        prepare();
    }

    /** {@code count} users, each holding a live session, made by 8 clients at once (password hashing dominates). */
    List<Subject> subjects(int count) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("kc-" + run + "-" + (++counter));
        }
        return Seeder.inParallel(names, this::subject);
    }

    @Override
    public Http.Reply deactivate(Subject subject) {
        Http.Reply disabled = http.put(USERS + "/" + subject.userId(), "{\"enabled\":false}", bearer);
        if (disabled.status() / 100 != 2) {
            return disabled;
        }
        return http.post(USERS + "/" + subject.userId() + "/logout", "", null, bearer);
    }

    @Override
    public Http.Reply reactivate(Subject subject) {
        return http.put(USERS + "/" + subject.userId(), "{\"enabled\":true}", bearer);
    }

    private void prepare() {
        if (http.get("/admin/realms/" + REALM, null, bearer).status() == 200) {
            return;
        }
        Http.expect(http.post("/admin/realms", Http.object("realm", REALM, "enabled", true), null, bearer), 201,
                "realm");
        Http.expect(http.post("/admin/realms/" + REALM + "/clients", Http.object("clientId", CLIENT,
                "publicClient", true, "directAccessGrantsEnabled", true, "standardFlowEnabled", false), null,
                bearer), 201, "client");
    }

    private Subject subject(String name) {
        String password = "pw-" + name;
        Http.Reply created = Http.expect(http.post(USERS, Http.object("username", name, "email", name + "@bench.org",
                "firstName", "Bench", "lastName", name, "emailVerified", true, "enabled", true,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))), null,
                bearer), 201, "create user " + name);
        String location = created.raw().headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        Http.expect(login(REALM, CLIENT, name, password), 200, "password grant of " + name);
        return new Subject(id, null, null, null, null);
    }

    private String adminToken(String admin, String password) {
        return Http.expect(login("master", "admin-cli", admin, password), 200, "admin login").text("access_token");
    }

    private Http.Reply login(String realm, String client, String user, String password) {
        return http.postForm("/realms/" + realm + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", client, "username", user, "password", password));
    }
}
