package chat.lifecycle.app.faults;

import chat.lifecycle.app.support.Api.Login;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A seeded generator of requests the server must refuse, over every route of the contract (the mappings of the
 * command side's and query side's controllers). Each comes with the refusal it must get. Nothing here may be
 * accepted: forged credentials carry valid bodies (so a hole in authentication would show as a write), and
 * authenticated requests carry bodies or parameters that fail validation or name nothing that exists.
 */
final class BadRequests {

    /** How the refusal's body must look: Rocket.Chat's failure, or just an error string (login, OAuth's RFC 6749). */
    enum Shape { CONTRACT, ERROR_OBJECT }

    /** One request; {@code status} 0 means any 4xx. */
    record BadRequest(String label, String method, String path, List<String> headers, byte[] body, boolean chunked,
                      int status, Shape shape) {
    }

    /** What exists, for valid bodies and forged credentials to aim at. */
    record World(Login admin, String userId, String username, String channelId, String groupId, String appId) {
    }

    private enum Kind { STRING, BOOLEAN, INTEGER, STRING_ARRAY, OBJECT }

    /** Which junk a field refuses: none, anything (a lookup finds nothing), not a URI, blank, negative. */
    private enum Refuses { NOTHING, ANY_JUNK, URI, BLANK, NEGATIVE }

    private record Field(String name, Kind kind, boolean required, Object valid, Refuses refuses) {
    }

    /** A write route whose body is checked by the server's body schema. */
    private record WriteRoute(String path, List<Field> fields) {
    }

    private static final List<String> MALFORMED = List.of("", "{", "}", "[", "{\"userId\":}", "{'userId':'x'}", "nul",
            "[1,2,3]", "\"text\"", "123", "true", "null", "{\"a\":1,,}", "{\"a\" 1}", "\u0000", "{\"a\":\"\\x\"}",
            "{\"a\":\"\\ud800\"", "<xml/>", "a=b&c=d");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "application/x-www-form-urlencoded", "application/xml", "");
    private static final long LIMIT = 1024 * 1024;
    private static final String UNAUTHORIZED = "{\"success\":false,\"error\":\"You must be logged in to do this.\","
            + "\"status\":\"error\",\"message\":\"You must be logged in to do this.\"}";

    private final Random random;
    private final Junk junk;
    private final World world;
    private final List<WriteRoute> writes;
    private final List<String> reads;

    /** {@code proxied}: behind the split deployment's proxy, where the internal route is closed (404). */
    BadRequests(long seed, World world, boolean proxied) {
        this.random = new Random(seed);
        this.junk = new Junk(random);
        this.world = world;
        this.writes = writeRoutes(world);
        this.reads = Stream.of("/api/v1/me", "/api/v1/users.info?userId=" + world.userId(), "/api/v1/users.list",
                "/api/v1/users.listByStatus?status=active", "/api/v1/users.statusHistory?userId=" + world.userId(),
                "/api/v1/rooms.info?roomId=" + world.channelId(), "/api/v1/channels.roles?roomId=" + world.channelId(),
                "/api/v1/groups.roles?roomId=" + world.groupId(), "/api/v1/subscriptions.getOne?roomId="
                        + world.channelId(), "/api/v1/events", "/api/v1/admin.replay", "/api/v1/oauth-apps.get?appId="
                        + world.appId(), "/api/v1/oauth-apps.list", "/api/v1/users.getPersonalAccessTokens",
                "/api/v1/permissions.listAll", "/oauth/userinfo", "/internal/authenticate", "/api/v1/no.such.route")
                .filter(path -> !(proxied && path.startsWith("/internal/")))
                .toList();
    }

    static String unauthorizedBody() {
        return UNAUTHORIZED;
    }

    List<BadRequest> generate(int count) {
        List<BadRequest> requests = new ArrayList<>();
        while (requests.size() < count) {
            int dice = random.nextInt(100);
            if (dice < 30) {
                requests.add(forgedCredentials());
            } else if (dice < 65) {
                requests.add(badBody());
            } else if (dice < 85) {
                requests.add(badQuery());
            } else if (dice < 90) {
                requests.add(badLogin());
            } else if (dice < 97) {
                requests.add(badOAuth());
            } else {
                requests.add(wrongMethod());
            }
        }
        return requests;
    }

    /** Every protected route, with a request that would do something, and credentials that are not valid. */
    private BadRequest forgedCredentials() {
        List<String> headers = new ArrayList<>();
        String query = "";
        String token = world.admin().token();
        switch (random.nextInt(10)) {
            case 0 -> { } // none at all
            case 1 -> headers.addAll(List.of("X-User-Id", world.admin().userId(), "X-Auth-Token", junk.headerToken()));
            case 2 -> headers.addAll(List.of("X-User-Id", world.admin().userId(), "X-Auth-Token", junk.mutated(token)));
            case 3 -> headers.addAll(List.of("X-User-Id", world.userId(), "X-Auth-Token", token));
            case 4 -> headers.addAll(List.of(random.nextBoolean() ? "X-User-Id" : "X-Auth-Token",
                    random.nextBoolean() ? world.admin().userId() : token));
            case 5 -> headers.addAll(List.of("X-User-Id", junk.headerToken(), "X-Auth-Token", token));
            case 6 -> headers.addAll(List.of("Authorization",
                    junk.pick(List.of("Bearer ", "bearer ", "Basic ", "Token ", ""))
                            + (random.nextBoolean() ? token : junk.headerToken())));
            case 7 -> query = "access_token=" + encode(random.nextBoolean() ? token : junk.headerToken());
            case 8 -> query = "access_token%5B%24ne%5D=x&access_token=" + encode(junk.headerToken());
            default -> headers.addAll(List.of("X-User-Id", world.admin().userId(), "X-Auth-Token", ""));
        }
        if (random.nextInt(3) == 0) {
            String path = withQuery(junk.pick(reads), query);
            return new BadRequest("forged credentials, GET " + path, "GET", path, headers, null, false, 401,
                    Shape.CONTRACT);
        }
        WriteRoute route = junk.pick(writes);
        String path = withQuery(route.path(), query);
        String body = random.nextInt(8) == 0 ? junk.pick(List.of("{}", "{\"processor\":\"all\"}"))
                : JsonText.of(validBody(route));
        if (random.nextInt(12) == 0) {
            path = withQuery(junk.pick(List.of("/api/v1/logout", "/api/v1/admin.replay", "/api/v1/permissions.update")),
                    query);
            body = path.contains("permissions") ? "{\"permissions\":[{\"_id\":\"create-user\",\"roles\":[]}]}" : "{}";
        }
        headers.addAll(List.of("Content-Type", "application/json"));
        return new BadRequest("forged credentials, POST " + path + " " + headers, "POST", path, headers,
                utf8(body), false, 401, Shape.CONTRACT);
    }

    /** A signed-in admin, a write route, and a body that breaks one of the route's rules. */
    private BadRequest badBody() {
        if (random.nextInt(15) == 0) {
            return badPermissionsUpdate();
        }
        if (random.nextInt(20) == 0) {
            return badReplay();
        }
        WriteRoute route = junk.pick(writes);
        Map<String, Object> body = validBody(route);
        String text;
        String label;
        switch (random.nextInt(6)) {
            case 0 -> {
                text = random.nextBoolean() ? junk.pick(MALFORMED) : truncated(JsonText.of(body));
                label = "malformed JSON";
            }
            case 1 -> {
                Field field = pick(route, Field::required);
                body.remove(field.name());
                text = JsonText.of(body);
                label = "without " + field.name();
            }
            case 2 -> {
                Field field = junk.pick(route.fields());
                body.put(field.name(), wrongType(field.kind()));
                text = JsonText.of(body);
                label = "wrong type for " + field.name();
            }
            case 3 -> {
                body.put(junk.string(), junk.string());
                text = JsonText.of(body);
                label = "an unknown property";
            }
            case 4 -> {
                Field field = pick(route, f -> f.kind() == Kind.STRING);
                String valid = String.valueOf(body.getOrDefault(field.name(), "x"));
                int at = random.nextInt(valid.length() + 1);
                body.put(field.name(), valid.substring(0, at) + "\u0000" + valid.substring(at));
                text = JsonText.of(body);
                label = "U+0000 in " + field.name();
            }
            default -> {
                Field field = pick(route, f -> f.refuses() != Refuses.NOTHING);
                body.put(field.name(), refusedValue(field.refuses()));
                text = JsonText.of(body);
                label = "refused value for " + field.name();
            }
        }
        List<String> headers = new ArrayList<>(signedIn());
        String type = junk.pick(CONTENT_TYPES);
        if (!type.isEmpty()) {
            headers.addAll(List.of("Content-Type", type));
        }
        byte[] bytes = random.nextInt(30) == 0 ? garbageBytes() : utf8(text);
        return new BadRequest(label + ": POST " + route.path() + " " + abbreviated(text), "POST", route.path(),
                headers, bytes, random.nextInt(10) == 0, bytes.length > LIMIT ? 413 : 400, Shape.CONTRACT);
    }

    private BadRequest badPermissionsUpdate() {
        Object permissions = switch (random.nextInt(6)) {
            case 0 -> junk.pick(List.of("create-user", 1, Map.of(), true));
            case 1 -> List.of(Map.of("_id", junk.string(), "roles", List.of("admin")));
            case 2 -> List.of(Map.of("_id", "create-user", "roles", List.of("admin", junk.string())));
            case 3 -> List.of(Map.of("_id", "create-user", "roles", "admin"));
            case 4 -> List.of(Map.of("_id", "create-user"));
            default -> List.of(Map.of("_id", "create-user", "roles", List.of("admin")),
                    Map.of("_id", junk.string(), "roles", List.of()));
        };
        String body = JsonText.of(Map.of("permissions", permissions));
        return new BadRequest("POST /api/v1/permissions.update " + abbreviated(body), "POST",
                "/api/v1/permissions.update", withJson(signedIn()), utf8(body), false, 400, Shape.CONTRACT);
    }

    /** Rebuilding read models is refused for anything but a known processor name (or none, which is not sent). */
    private BadRequest badReplay() {
        Object processor = random.nextBoolean() ? junk.string() : junk.pick(List.of(1, true, List.of("all"), Map.of()));
        String body = JsonText.of(Map.of("processor", processor));
        return new BadRequest("POST /api/v1/admin.replay " + abbreviated(body), "POST", "/api/v1/admin.replay",
                withJson(signedIn()), utf8(body), false, 400, Shape.CONTRACT);
    }

    /** A signed-in admin, a read route, and parameters that are missing, of the wrong type or name nothing. */
    private BadRequest badQuery() {
        String j = encode(junk.shortString());
        String number = encode(junk.pick(List.of("abc", "1.5", "99999999999999999999", "[]", "", "1e3", "-", "0b1",
                "1_000")));
        String path = switch (random.nextInt(22)) {
            case 0 -> "/api/v1/users.info";
            case 1 -> "/api/v1/users.info?userId=" + j;
            case 2 -> "/api/v1/users.info?username=" + j;
            case 3 -> "/api/v1/users.list?offset=" + number;
            case 4 -> "/api/v1/users.list?count=" + number;
            case 5 -> "/api/v1/users.listByStatus?status=" + j;
            case 6 -> "/api/v1/users.listByStatus?status=active&offset=" + number;
            case 7 -> "/api/v1/users.statusHistory";
            case 8 -> "/api/v1/users.statusHistory?userId=" + j;
            case 9 -> "/api/v1/users.statusHistory?userId=" + world.userId() + "&at=" + j;
            case 10 -> "/api/v1/rooms.info";
            case 11 -> "/api/v1/rooms.info?roomId=" + j;
            case 12 -> "/api/v1/rooms.info?roomName=" + j;
            case 13 -> "/api/v1/channels.roles?roomId=" + j;
            case 14 -> "/api/v1/groups.roles?roomName=" + j;
            case 15 -> "/api/v1/channels.roles";
            case 16 -> "/api/v1/subscriptions.getOne?roomId=";
            case 17 -> "/api/v1/events?after=" + number;
            case 18 -> "/api/v1/events?limit=" + number;
            case 19 -> "/api/v1/oauth-apps.get?appId=" + j;
            case 20 -> "/api/v1/oauth-apps.get?clientId=" + j;
            default -> "/api/v1/oauth-apps.get";
        };
        if (path.endsWith("=") && !path.contains("subscriptions") || path.endsWith("offset=") || path.endsWith("count=")
                || path.endsWith("after=") || path.endsWith("limit=")) {
            path += "x"; // an empty number means the default; an empty id means absent
        }
        return new BadRequest("GET " + abbreviated(path), "GET", path, signedIn(), null, false, 400, Shape.CONTRACT);
    }

    /** Wrong users, wrong passwords, wrong shapes: 401, and 400 where U+0000 reaches a lookup. */
    private BadRequest badLogin() {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (random.nextInt(6)) {
            case 0 -> {
                body.put("user", junk.string());
                body.put("password", junk.string());
            }
            case 1 -> {
                body.put("user", "admin");
                body.put("password", junk.string());
            }
            case 2 -> {
                body.put("user", Map.of("username", random.nextBoolean() ? "admin" : junk.string()));
                body.put("password", random.nextBoolean() ? junk.string() : List.of("admin-secret-1"));
            }
            case 3 -> body.put("resume", random.nextBoolean() ? junk.string() : junk.mutated(world.admin().token()));
            case 4 -> body.put("user", junk.pick(List.of(List.of("admin"), 1, true)));
            default -> {
                body.put("email", junk.string());
                body.put("password", "admin-secret-1");
            }
        }
        String text = random.nextInt(10) == 0 ? junk.pick(MALFORMED) : JsonText.of(body);
        return new BadRequest("POST /api/v1/login " + abbreviated(text), "POST", "/api/v1/login",
                List.of("Content-Type", "application/json"), utf8(text), false, text.contains("\\u0000") ? 0 : 401,
                Shape.ERROR_OBJECT);
    }

    /** The OAuth endpoints with unknown clients, broken Basic credentials and junk grants. */
    private BadRequest badOAuth() {
        Map<String, String> form = new LinkedHashMap<>();
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/x-www-form-urlencoded"));
        boolean authorize = random.nextInt(3) == 0;
        for (String name : authorize
                ? List.of("token", "client_id", "response_type", "redirect_uri", "state", "allow")
                : List.of("grant_type", "code", "redirect_uri", "refresh_token", "client_id", "client_secret")) {
            if (random.nextInt(3) > 0) {
                form.put(name, junk.pick(List.of(junk.string(), "authorization_code", "refresh_token", "code", "yes",
                        world.admin().token(), "https://client.example.org/cb")));
            }
        }
        if (authorize && random.nextBoolean()) {
            form.put("token", world.admin().token()); // a real user, but no such client
        }
        if (!authorize && random.nextInt(4) == 0) {
            String credentials = random.nextBoolean() ? junk.headerToken()
                    : Base64.getEncoder().encodeToString((junk.shortString() + ":" + junk.shortString())
                    .getBytes(StandardCharsets.UTF_8));
            headers.addAll(List.of("Authorization", "Basic " + credentials));
        }
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(name).append('=')
                .append(encode(value)));
        // U+0000 in a client id that reaches the lookup is refused as invalid input (400), whatever the grant
        boolean unpredictable = headers.contains("Authorization")
                || form.values().stream().anyMatch(value -> value.indexOf('\0') >= 0);
        String path = authorize ? "/oauth/authorize" : "/oauth/token";
        return new BadRequest("POST " + path + " " + abbreviated(body.toString()), "POST", path, headers,
                utf8(body.toString()), false, unpredictable ? 0 : authorize ? 400 : 401, Shape.ERROR_OBJECT);
    }

    /** Methods a route does not take, and routes that do not exist. */
    private BadRequest wrongMethod() {
        return switch (random.nextInt(4)) {
            case 0 -> new BadRequest("GET on a POST route", "GET", junk.pick(writes).path(), signedIn(), null, false,
                    405, Shape.CONTRACT);
            case 1 -> new BadRequest("PUT on a GET route", "PUT", junk.pick(reads.subList(0, 10)), withJson(signedIn()),
                    utf8("{}"), false, 405, Shape.CONTRACT);
            case 2 -> new BadRequest("DELETE on a POST route", "DELETE", junk.pick(writes).path(), signedIn(), null,
                    false, 405, Shape.CONTRACT);
            default -> {
                // 404, or 400 where the path itself is refused (an encoded slash, NUL or backslash)
                String path = "/api/v1/" + encode(junk.shortString()) + ".list";
                yield new BadRequest("GET " + abbreviated(path), "GET", path, signedIn(), null, false, 0,
                        Shape.CONTRACT);
            }
        };
    }

    private static List<WriteRoute> writeRoutes(World world) {
        String user = world.userId();
        List<WriteRoute> routes = new ArrayList<>(List.of(
                new WriteRoute("/api/v1/users.setActiveStatus", List.of(
                        new Field("userId", Kind.STRING, true, user, Refuses.ANY_JUNK),
                        new Field("activeStatus", Kind.BOOLEAN, true, false, Refuses.NOTHING),
                        new Field("confirmRelinquish", Kind.BOOLEAN, false, true, Refuses.NOTHING))),
                new WriteRoute("/api/v1/users.deactivateIdle", List.of(
                        new Field("daysIdle", Kind.INTEGER, true, 0, Refuses.NEGATIVE),
                        new Field("role", Kind.STRING, false, "user", Refuses.NOTHING))),
                new WriteRoute("/api/v1/users.create", List.of(
                        new Field("email", Kind.STRING, true, "new-user@example.org", Refuses.ANY_JUNK),
                        new Field("name", Kind.STRING, true, "New User", Refuses.NOTHING),
                        new Field("password", Kind.STRING, true, "pw-new-1", Refuses.NOTHING),
                        new Field("username", Kind.STRING, true, "new-user", Refuses.ANY_JUNK),
                        new Field("active", Kind.BOOLEAN, false, true, Refuses.NOTHING),
                        new Field("roles", Kind.STRING_ARRAY, false, List.of("user"), Refuses.NOTHING),
                        new Field("verified", Kind.BOOLEAN, false, false, Refuses.NOTHING),
                        new Field("customFields", Kind.OBJECT, false, Map.of(), Refuses.NOTHING))),
                new WriteRoute("/api/v1/users.delete", List.of(
                        new Field("userId", Kind.STRING, true, user, Refuses.ANY_JUNK),
                        new Field("confirmRelinquish", Kind.BOOLEAN, false, true, Refuses.NOTHING))),
                new WriteRoute("/api/v1/users.generatePersonalAccessToken", List.of(
                        new Field("tokenName", Kind.STRING, true, "ci", Refuses.BLANK),
                        new Field("bypassTwoFactor", Kind.BOOLEAN, false, false, Refuses.NOTHING))),
                new WriteRoute("/api/v1/users.removePersonalAccessToken", List.of(
                        new Field("tokenName", Kind.STRING, true, "ci", Refuses.ANY_JUNK))),
                new WriteRoute("/api/v1/oauth-apps.create", List.of(
                        new Field("name", Kind.STRING, true, "Zapier", Refuses.NOTHING),
                        new Field("active", Kind.BOOLEAN, true, true, Refuses.NOTHING),
                        new Field("redirectUri", Kind.STRING, true, "https://app.example.org/cb", Refuses.URI))),
                new WriteRoute("/api/v1/oauth-apps.delete", List.of(
                        new Field("appId", Kind.STRING, true, world.appId(), Refuses.ANY_JUNK))),
                new WriteRoute("/api/v1/im.create", List.of(
                        new Field("username", Kind.STRING, true, world.username(), Refuses.ANY_JUNK),
                        new Field("excludeSelf", Kind.BOOLEAN, false, false, Refuses.NOTHING))),
                new WriteRoute("/api/v1/roles.addUserToRole", List.of(
                        new Field("roleName", Kind.STRING, true, "bot", Refuses.ANY_JUNK),
                        new Field("username", Kind.STRING, true, world.username(), Refuses.ANY_JUNK),
                        new Field("roomId", Kind.STRING, false, "", Refuses.NOTHING)))));
        for (String kind : List.of("channels", "groups")) {
            String room = kind.equals("channels") ? world.channelId() : world.groupId();
            routes.add(new WriteRoute("/api/v1/" + kind + ".create", List.of(
                    new Field("name", Kind.STRING, true, "new-room", Refuses.ANY_JUNK),
                    new Field("members", Kind.STRING_ARRAY, false, List.of(world.username()), Refuses.NOTHING),
                    new Field("readOnly", Kind.BOOLEAN, false, false, Refuses.NOTHING),
                    new Field("extraData", Kind.OBJECT, false, Map.of(), Refuses.NOTHING))));
            for (String action : List.of("invite", "addOwner", "removeOwner")) {
                routes.add(new WriteRoute("/api/v1/" + kind + "." + action, List.of(
                        new Field("roomId", Kind.STRING, true, room, Refuses.ANY_JUNK),
                        new Field("userId", Kind.STRING, true, user, Refuses.ANY_JUNK))));
            }
            routes.add(new WriteRoute("/api/v1/" + kind + ".delete", List.of(
                    new Field("roomId", Kind.STRING, true, room, Refuses.ANY_JUNK))));
        }
        routes.add(new WriteRoute("/api/v1/channels.join", List.of(
                new Field("roomId", Kind.STRING, true, world.channelId(), Refuses.ANY_JUNK),
                new Field("joinCode", Kind.STRING, false, "", Refuses.NOTHING))));
        return routes;
    }

    private Map<String, Object> validBody(WriteRoute route) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Field field : route.fields()) {
            if (field.required() || random.nextBoolean()) {
                body.put(field.name(), field.valid());
            }
        }
        return body;
    }

    private Object wrongType(Kind kind) {
        return switch (kind) {
            case STRING -> junk.pick(List.of(List.of(), Map.of(), List.of(1), Map.of("$ne", "")));
            case BOOLEAN -> junk.pick(List.of("maybe", 2, -1, 0.5, List.of(), Map.of(), "TRUE", "1", junk.string()));
            case INTEGER -> junk.pick(List.of("abc", 1.5, List.of(), Map.of(), "1e3", "", junk.string()));
            case STRING_ARRAY -> junk.pick(List.of("user", 1, Map.of(), List.of(List.of()), List.of(Map.of()), true));
            case OBJECT -> junk.pick(List.of("x", 1, List.of(), true));
        };
    }

    private Object refusedValue(Refuses refuses) {
        return switch (refuses) {
            case ANY_JUNK -> junk.string();
            case URI -> junk.uri();
            case BLANK -> junk.blank();
            case NEGATIVE -> junk.pick(List.of(-1, -365, "-7", -1.0));
            case NOTHING -> throw new IllegalArgumentException("nothing to refuse");
        };
    }

    private Field pick(WriteRoute route, java.util.function.Predicate<Field> which) {
        List<Field> fields = route.fields().stream().filter(which).toList();
        return fields.isEmpty() ? route.fields().get(0) : junk.pick(fields);
    }

    /** A prefix of a JSON object: never a whole one, since the closing brace is cut. */
    private String truncated(String json) {
        return json.substring(0, random.nextInt(json.length()));
    }

    private byte[] garbageBytes() {
        byte[] bytes = new byte[1 + random.nextInt(2_000)];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xff; // never valid UTF-8, so never a JSON object
        return bytes;
    }

    private List<String> signedIn() {
        return List.of("X-User-Id", world.admin().userId(), "X-Auth-Token", world.admin().token());
    }

    private static List<String> withJson(List<String> headers) {
        List<String> all = new ArrayList<>(headers);
        all.addAll(List.of("Content-Type", "application/json"));
        return all;
    }

    private static String withQuery(String path, String query) {
        return query.isEmpty() ? path : path + (path.contains("?") ? "&" : "?") + query;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviated(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "... (" + text.length() + " chars)";
    }
}
