package chat.lifecycle.app.feed;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.command.oauth.OAuthGrants;
import chat.lifecycle.events.PublishedEvent;
import chat.lifecycle.query.feed.PublishedEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.time.Duration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The published language end to end: flows over HTTP make every event type of shared-events occur, then every
 * event in the store, in its published form, must validate against the envelope's schema and its own type's and
 * version's schema, and carry no secret.
 */
class PublishedLanguageTest extends IntegrationTest {

    private static final String REDIRECT = "https://client.example.org/callback";
    private static final String SCHEMAS = "schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    @Autowired
    EventStore eventStore;
    @Autowired
    PublishedEvents published;
    @Autowired
    JdbcTemplate jdbc;

    /** Every raw secret the flows handle: none may appear in any published event. */
    private final List<String> secrets = new ArrayList<>();

    @Test
    void everyEventTypeOccursAndEveryEventValidatesAgainstItsSchema() {
        Map<String, Integer> types = eventTypes();
        assertThat(types).hasSize(26).containsEntry("UserDeactivated", 3).containsEntry("LoginTokensRevoked", 2);

        Flows flows = driveEveryFlow();

        // complete at each deactivation's 200; the idle user held no OAuth grant, so none was revoked
        for (Member deactivated : List.of(flows.alice(), flows.idle())) {
            assertThat(stored("LoginTokensRevoked", deactivated.id())).isEqualTo(1);
            assertThat(stored("DeactivationCleanupCompleted", deactivated.id())).isEqualTo(1);
        }
        assertThat(stored("OAuthGrantsRevoked", OAuthGrants.idOf(flows.alice().id()))).isEqualTo(1);
        assertThat(stored("OAuthGrantsRevoked", OAuthGrants.idOf(flows.idle().id()))).isZero();

        List<PublishedEvent> events = allEvents();
        JsonSchema envelope = schema("envelope.json");
        Map<String, JsonSchema> payloads = new HashMap<>();
        Set<String> seen = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        for (PublishedEvent event : events) {
            seen.add(event.type());
            String json = published.json(event);
            JsonNode tree = Api.parse(json);
            report(failures, event, "envelope", envelope.validate(tree));
            assertThat(event.version()).as(event.type()).isEqualTo(types.get(event.type()));
            JsonSchema payload = payloads.computeIfAbsent(event.type() + "-v" + event.version(),
                    name -> schema(name + ".json"));
            report(failures, event, "payload", payload.validate(tree.path("payload")));
            assertThat(fieldNames(tree.path("payload"))).as(event.type() + " field names")
                    .noneMatch(name -> name.contains("hash") || name.contains("Hash"));
            for (String secret : secrets) {
                assertThat(json).as(event.type() + " carries a secret").doesNotContain(secret);
            }
        }

        assertThat(failures).as("schema violations").isEmpty();
        assertThat(seen).as("event types that occurred").containsAll(types.keySet());
        assertThat(events).allSatisfy(event -> {
            assertThat(event.globalIndex()).isNotNegative();
            assertThat(event.sequence()).isNotNegative();
            assertThat(event.aggregateId()).isNotBlank();
        });
        assertThat(events.stream().map(PublishedEvent::id).distinct()).hasSameSizeAs(events);
        assertThat(events.stream().map(PublishedEvent::correlationId)).doesNotContainNull();
    }

    @Test
    void thereIsASchemaForEveryRevisionOfEveryEventAndTheSchemasAreValid() {
        JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"),
                CONFIG);
        List<String> files = new ArrayList<>(List.of("envelope.json"));
        eventTypes().forEach((type, version) -> {
            for (int v = 1; v <= version; v++) {
                files.add(type + "-v" + v + ".json");
            }
        });
        for (String file : files) {
            assertThat(metaSchema.validate(read(file))).as(file).isEmpty();
        }

        JsonNode revision1 = Api.parse("{\"userId\":\"u-1\",\"confirmRelinquish\":false,\"credentialEpoch\":1}");
        assertThat(schema("UserDeactivated-v1.json").validate(revision1)).isEmpty();
        assertThat(schema("UserDeactivated-v2.json").validate(revision1)).isNotEmpty();
        JsonNode withHash = Api.parse("{\"userId\":\"u-1\",\"tokenId\":\"t-1\",\"hashedToken\":\"h\","
                + "\"credentialEpoch\":1}");
        assertThat(schema("LoginTokenIssued-v1.json").validate(withHash)).isNotEmpty();
    }

    // ---- the flows ------------------------------------------------------------------------------------------

    private record Member(String id, String username, String password, Login login) {
    }

    private record Flows(Member alice, Member idle) {
    }

    /** Makes every event type occur at least once, through the public routes only. */
    private Flows driveEveryFlow() {
        secrets.add(ADMIN_PASSWORD);
        secrets.add(admin.token());
        Member alice = member("pl-alice");
        Member bob = member("pl-bob");
        Member carol = member("pl-carol");
        Member dave = member("pl-dave");

        // LoginTokenIssued, LoginTokenRevoked
        Login second = api.login(alice.username(), alice.password());
        secrets.add(second.token());
        assertThat(api.post("/api/v1/logout", "{}", second).status()).isEqualTo(200);

        // PersonalAccessTokenIssued, PersonalAccessTokenRemoved
        Reply pat = api.post("/api/v1/users.generatePersonalAccessToken", Api.json("tokenName", "ci"), alice.login());
        assertThat(pat.status()).as(pat.raw()).isEqualTo(200);
        secrets.add(pat.text("token"));
        assertThat(api.post("/api/v1/users.removePersonalAccessToken", Api.json("tokenName", "ci"), alice.login())
                .status()).isEqualTo(200);

        // OAuthAppCreated, AuthorizationCodeIssued, AuthorizationCodeRedeemed, OAuthTokensIssued (twice), and an
        // unused code and live pair for the deactivation to revoke; then OAuthAppDeleted for another app
        Reply app = api.post("/api/v1/oauth-apps.create", "{\"name\":\"" + unique("pl-app") + "\",\"active\":true,"
                + "\"redirectUri\":\"" + REDIRECT + "\"}", admin);
        assertThat(app.status()).as(app.raw()).isEqualTo(200);
        String clientId = app.text("application.clientId");
        String clientSecret = app.text("application.clientSecret");
        secrets.add(clientSecret);
        Map<String, String> tokens = tokenRequest(clientId, clientSecret, Map.of("grant_type", "authorization_code",
                "code", authorize(clientId, alice.login()), "redirect_uri", REDIRECT));
        tokenRequest(clientId, clientSecret, Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token")));
        authorize(clientId, alice.login());
        Reply other = api.post("/api/v1/oauth-apps.create", "{\"name\":\"" + unique("pl-gone") + "\",\"active\":true,"
                + "\"redirectUri\":\"" + REDIRECT + "\"}", admin);
        secrets.add(other.text("application.clientSecret"));
        assertThat(api.post("/api/v1/oauth-apps.delete", Api.json("appId", other.text("application._id")), admin)
                .status()).isEqualTo(200);

        // RoomCreated, RoomMemberAdded, RoomOwnerAdded, RoomOwnerRemoved, RoomDeleted, DirectMessageCreated
        String channel = create("channels", alice, unique("pl-chan"), bob, carol);
        String group = create("groups", alice, unique("pl-group"), bob);
        ok(api.post("/api/v1/channels.invite", Api.json("roomId", channel, "userId", dave.id()), alice.login()));
        ok(api.post("/api/v1/channels.addOwner", Api.json("roomId", channel, "userId", bob.id()), alice.login()));
        ok(api.post("/api/v1/channels.removeOwner", Api.json("roomId", channel, "userId", bob.id()), alice.login()));
        ok(api.post("/api/v1/groups.delete", Api.json("roomId", group), alice.login()));
        ok(api.post("/api/v1/im.create", Api.json("username", bob.username()), alice.login()));

        // UserDeactivated with the hand-over of alice's channel to bob (RoomOwnerAdded from the saga, which also
        // sends LoginTokensRevoked and OAuthGrantsRevoked); UserActivated
        ok(api.post("/api/v1/users.setActiveStatus", "{\"userId\":\"" + alice.id() + "\",\"activeStatus\":false,"
                + "\"confirmRelinquish\":true}", admin));
        // (a reactivation before the saga ran would leave nothing to hand over)
        await("the channel handed over to bob").atMost(Duration.ofSeconds(30))
                .until(() -> stored("RoomOwnerAdded", channel) >= 3);
        ok(api.setActiveStatus(admin, alice.id(), true));

        // UserRoleAdded and an idle deactivation
        Member idle = member("pl-idle");
        create("channels", idle, unique("pl-idle-chan"), bob);
        ok(api.post("/api/v1/roles.addUserToRole", Api.json("roleName", "auditor-log", "username", idle.username()),
                admin));
        Reply deactivated = api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":0,\"role\":\"auditor-log\"}",
                admin);
        assertThat(deactivated.body().path("count").asInt()).as(deactivated.raw()).isGreaterThanOrEqualTo(1);
        // UserRoomsRelinquished: the idle user's room, left alone by the idle deactivation, given up by a repeat
        ok(api.post("/api/v1/users.setActiveStatus", "{\"userId\":\"" + idle.id() + "\",\"activeStatus\":false,"
                + "\"confirmRelinquish\":true}", admin));

        // UserExternalIdChanged: a user provisioned over SCIM with the id its identity provider knows it by
        String provisioned = unique("pl-scim");
        Reply scim = api.postRaw("/scim/v2/Users", "{\"userName\":\"" + provisioned + "\",\"externalId\":\"idp-"
                + provisioned + "\",\"emails\":[{\"value\":\"" + provisioned + "@example.org\"}]}", admin,
                "Content-Type", "application/scim+json");
        assertThat(scim.status()).as(scim.raw()).isEqualTo(201);
        // UserRoleRemoved: a member added to a SCIM group (a role) and removed again
        for (String op : List.of("add", "remove")) {
            Reply membership = api.exchange("PATCH", "/scim/v2/Groups/livechat-agent", "{\"schemas\":[\"urn:ietf:params"
                    + ":scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"" + op + "\",\"path\":\"members\","
                    + "\"value\":[{\"value\":\"" + scim.text("id") + "\"}]}]}", "X-User-Id", admin.userId(),
                    "X-Auth-Token", admin.token(), "Content-Type", "application/scim+json");
            assertThat(membership.status()).as(membership.raw()).isEqualTo(200);
        }

        // UserDeleted
        Member doomed = member("pl-doomed");
        ok(api.post("/api/v1/users.delete", Api.json("userId", doomed.id()), admin));

        return new Flows(alice, idle);
    }

    private Member member(String prefix) {
        String username = unique(prefix);
        String password = "pw-" + username;
        String id = api.createUser(admin, username, password);
        Login login = api.login(username, password);
        secrets.add(password);
        secrets.add(login.token());
        return new Member(id, username, password, login);
    }

    private String create(String kind, Member owner, String name, Member... members) {
        List<String> usernames = new ArrayList<>();
        for (Member member : members) {
            usernames.add("\"" + member.username() + "\"");
        }
        Reply reply = api.post("/api/v1/" + kind + ".create", "{\"name\":\"" + name + "\",\"members\":["
                + String.join(",", usernames) + "]}", owner.login());
        ok(reply);
        return reply.text((kind.equals("channels") ? "channel" : "group") + "._id");
    }

    private String authorize(String clientId, Login user) {
        Reply reply = api.postForm("/oauth/authorize", Map.of("token", user.token(), "client_id", clientId,
                "response_type", "code", "redirect_uri", REDIRECT, "allow", "yes"));
        assertThat(reply.status()).as(reply.raw()).isEqualTo(302);
        String code = query(reply.header("Location")).get("code");
        secrets.add(code);
        return code;
    }

    private Map<String, String> tokenRequest(String clientId, String clientSecret, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(fields);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        Reply reply = api.postForm("/oauth/token", form);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        secrets.add(reply.text("access_token"));
        secrets.add(reply.text("refresh_token"));
        return Map.of("access_token", reply.text("access_token"), "refresh_token", reply.text("refresh_token"));
    }

    private static void ok(Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
    }

    private static Map<String, String> query(String location) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    // ---- the store --------------------------------------------------------------------------------------------

    /** How many events of the type the aggregate's stream holds. */
    private int stored(String type, String aggregateId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like ? "
                + "and aggregate_identifier = ?", Integer.class, "%." + type, aggregateId);
    }

    /** Every event of the store, from the first, upcast as any reader sees it, in its published form. */
    private List<PublishedEvent> allEvents() {
        List<PublishedEvent> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                events.add(published.of(stream.nextAvailable()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(events).isNotEmpty();
        return events;
    }

    // ---- the published language -------------------------------------------------------------------------------

    /** The event records of shared-events by simple name, with their current revision. */
    private static Map<String, Integer> eventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) ->
                "java.lang.Record".equals(reader.getClassMetadata().getSuperClassName()));
        Map<String, Integer> types = new TreeMap<>();
        for (String area : List.of("user", "oauth", "room")) {
            for (BeanDefinition candidate : scanner.findCandidateComponents("chat.lifecycle.events." + area)) {
                try {
                    Class<?> type = Class.forName(candidate.getBeanClassName());
                    if (type.isMemberClass()) {
                        continue; // a part of an event's payload, described by the event's schema
                    }
                    Revision revision = type.getAnnotation(Revision.class);
                    types.put(type.getSimpleName(), revision == null ? 1 : Integer.parseInt(revision.value()));
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return types;
    }

    private static JsonSchema schema(String file) {
        return FACTORY.getSchema(read(file), CONFIG);
    }

    private static JsonNode read(String file) {
        try (InputStream in = PublishedLanguageTest.class.getClassLoader().getResourceAsStream(SCHEMAS + file)) {
            if (in == null) {
                throw new AssertionError("no schema " + SCHEMAS + file + " on the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static void report(List<String> failures, PublishedEvent event, String part,
                               Set<ValidationMessage> errors) {
        if (!errors.isEmpty()) {
            failures.add(event.type() + " v" + event.version() + " #" + event.globalIndex() + " " + part + ": "
                    + errors);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                names.add(field.getKey());
                names.addAll(fieldNames(field.getValue()));
            }
        } else if (node.isArray()) {
            node.forEach(element -> names.addAll(fieldNames(element)));
        }
        return names;
    }
}
