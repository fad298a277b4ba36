package chat.lifecycle.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.platform.ops.CorrelationMdcInterceptor;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.regex.Pattern;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Operations: health, Prometheus metrics, OpenAPI docs and the correlation id, over real HTTP. Health, the
 * Prometheus scrape and the API docs are open; the rest of {@code /actuator} needs a signed-in user.
 */
class OperationsTest extends IntegrationTest {

    /** The command, and the event it stored as the lookups' processor handled it, each timed by payload type. */
    private static final Pattern CREATE_USER_TIMED = Pattern.compile(
            "(?m)^commandBus_handled_seconds_count\\{outcome=\"success\",payloadType=\"CreateUser\"} [1-9]");
    private static final Pattern USER_CREATED_TIMED = Pattern.compile("(?m)^eventProcessor_handled_seconds_count"
            + "\\{outcome=\"success\",payloadType=\"UserCreated\",processor=\"user-lookup\"} [1-9]");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    ServletWebServerApplicationContext web;

    /** Tomcat hands requests to {@code RequestWorkers}' pool, whose idle workers wait in a stack. */
    @Test
    void requestsGoToTheWorkerIdleLast() {
        Executor executor = ((TomcatWebServer) web.getWebServer()).getTomcat().getConnector().getProtocolHandler()
                .getExecutor();

        assertThat(executor).isInstanceOf(ThreadPoolExecutor.class);
        assertThat(((ThreadPoolExecutor) executor).getQueue()).isInstanceOf(SynchronousQueue.class);
    }

    @Test
    void healthIsOpenAndShowsTheDatabaseAndEveryEventProcessor() {
        Reply reply = api.get("/actuator/health", null);

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.text("status")).isEqualTo("UP");
        JsonNode components = reply.body().path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("readinessState").path("status").asText()).isEqualTo("UP");
        JsonNode processors = components.path("eventProcessors").path("details").path("processors");
        assertThat(components.path("eventProcessors").path("status").asText()).isEqualTo("UP");
        JsonNode saga = processors.path("DeactivationSagaProcessor");
        assertThat(saga.path("mode").asText()).isEqualTo("streaming");
        assertThat(saga.path("running").asBoolean(false)).isTrue();
        assertThat(saga.path("error").asBoolean(true)).isFalse();
        assertThat(saga.has("segments")).isTrue();
        JsonNode readModels = readSide().get("/actuator/health", null).body()
                .path("components").path("eventProcessors").path("details").path("processors");
        // the read models follow the command's transaction in one server, and the store from another
        assertThat(readModels.path("user-view").path("mode").asText()).isEqualTo(SPLIT ? "streaming" : "subscribing");
    }

    @Test
    void healthGroupsAreOpenToo() {
        assertThat(api.get("/actuator/health/liveness", null).status()).isIn(200, 404);
        assertThat(api.get("/actuator/health/db", null).status()).isEqualTo(200);
    }

    @Test
    void prometheusIsOpenAndShowsAxonsAndTheApplicationsMeters() {
        api.createUser(admin, unique("metric"), "pw-metric-1");

        Reply reply = api.get("/actuator/prometheus", null);

        assertThat(reply.status()).isEqualTo(200);
        String scrape = reply.raw();
        // behind the split deployment's round robin, the node that created the user answers one scrape in a few
        await("a scrape of the node that handled CreateUser").atMost(Duration.ofSeconds(10))
                .until(() -> {
                    String scraped = api.get("/actuator/prometheus", null).raw();
                    return CREATE_USER_TIMED.matcher(scraped).find() && USER_CREATED_TIMED.matcher(scraped).find();
                });
        assertThat(scrape).containsPattern("(?m)^lifecycle_processor_lag\\{[^}]*processor=\"DeactivationSagaProcessor\"");
        assertThat(scrape).containsPattern("(?m)^lifecycle_sagas_active ");
        // requests are observed; Spring Security's filters, authorizations and authentications are not
        assertThat(scrape).containsPattern("(?m)^http_server_requests_seconds_count\\{");
        assertThat(scrape).doesNotContain("spring_security_");
    }

    @Test
    void theRestOfActuatorNeedsASignedInUser() {
        assertThat(api.get("/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator", null).status()).isEqualTo(401);
        Reply metrics = api.get("/actuator/metrics/lifecycle.sagas.active", admin);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text("name")).isEqualTo("lifecycle.sagas.active");
    }

    @Test
    void theOpenApiDocumentListsTheRoutes() {
        Reply docs = api.get("/v3/api-docs", null);

        assertThat(docs.status()).as(docs.raw()).isEqualTo(200);
        JsonNode setActiveStatus = docs.body().path("paths").path("/api/v1/users.setActiveStatus").path("post");
        assertThat(setActiveStatus.isMissingNode()).isFalse();
        assertThat(setActiveStatus.path("requestBody").path("content").has("application/json")).isTrue();
        assertThat(setActiveStatus.path("parameters").findValuesAsText("name")).doesNotContain("body", "caller");
        assertThat(readSide().get("/v3/api-docs", null).body().path("paths").has("/api/v1/users.info")).isTrue();
        assertThat(docs.body().path("components").path("securitySchemes").has("bearer")).isTrue();
        assertThat(api.get("/swagger-ui.html", null).status()).isIn(200, 302);
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void theRequestsCorrelationIdReachesTheEventsAndComesBack() {
        String username = unique("corr");
        Reply reply = api.postRaw("/api/v1/users.create", "{\"email\":\"" + username + "@example.org\",\"name\":\""
                        + username + "\",\"password\":\"pw-corr-1\",\"username\":\"" + username + "\"}", admin,
                "Content-Type", "application/json", "X-Correlation-Id", "test-123");

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.header("X-Correlation-Id")).isEqualTo("test-123");
        List<String> metaData = jdbc.queryForList("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ?", String.class, reply.text("user._id"));
        assertThat(metaData).isNotEmpty();
        for (String meta : metaData) {
            assertThat(Api.parse(meta).path("correlationId").asText()).isEqualTo("test-123");
        }
    }

    @Test
    void aRequestWithoutOneGetsAFreshCorrelationIdEvenWhenRefused() {
        Reply refused = api.post("/api/v1/users.setActiveStatus", "{}", null);
        Reply other = api.get("/api/v1/me", admin);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("X-Correlation-Id")).isNotBlank();
        assertThat(other.header("X-Correlation-Id")).isNotBlank().isNotEqualTo(refused.header("X-Correlation-Id"));
    }

    @Test
    void everyEventProcessorPutsTheCorrelationIdInTheMdcOnce() {
        var processing = axon.eventProcessingConfiguration();

        assertThat(processing.eventProcessors()).containsKey("DeactivationSagaProcessor");
        processing.eventProcessors().keySet().forEach(name -> assertThat(processing.interceptorsFor(name))
                .as(name).filteredOn(CorrelationMdcInterceptor.class::isInstance).hasSize(1));
    }

    @Test
    void anIdThatCouldForgeLogLinesIsReplaced() {
        Reply reply = api.getWith("/api/v1/me", "X-User-Id", admin.userId(), "X-Auth-Token", admin.token(),
                "X-Correlation-Id", "a b\"c");

        assertThat(reply.header("X-Correlation-Id")).isNotBlank().isNotEqualTo("a b\"c");
    }
}
