package chat.lifecycle.app.user;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code users.statusHistory}: the audit trail built from the events, and the status at an instant. */
class StatusHistoryTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyRealChangeIsListedOldestFirstWithWhoAndWhy() {
        String name = unique("uma");
        String uma = api.createUser(admin, name, "pw-uma-1");
        api.post("/api/v1/users.setActiveStatus", "{\"userId\":\"" + uma + "\",\"activeStatus\":false,"
                + "\"confirmRelinquish\":true}", admin);
        api.setActiveStatus(admin, uma, false); // a repeat: no entry
        api.setActiveStatus(admin, uma, true);

        Reply reply = api.get("/api/v1/users.statusHistory?userId=" + uma, admin);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode history = reply.body().path("history");
        assertThat(history).hasSize(3);
        assertThat(history.findValuesAsText("cause"))
                .containsExactly("users.create", "users.setActiveStatus", "users.setActiveStatus");
        assertThat(history.get(0).path("active").asBoolean()).isTrue();
        assertThat(history.get(1).path("active").asBoolean()).isFalse();
        assertThat(history.get(2).path("active").asBoolean()).isTrue();
        assertThat(history.get(1).path("by")).isEqualTo(Api.parse("{\"_id\":\"" + admin.userId()
                + "\",\"username\":\"admin\"}"));
        assertThat(history.get(1).path("confirmRelinquish").asBoolean()).isTrue();
        assertThat(history.get(2).path("confirmRelinquish").asBoolean(true)).isFalse();
        Instant created = Instant.parse(history.get(0).path("at").asText());
        Instant deactivated = Instant.parse(history.get(1).path("at").asText());
        assertThat(deactivated).isAfterOrEqualTo(created);
    }

    @Test
    void theStatusAtAnInstantIsTheLastChangeBeforeIt() {
        String uma = api.createUser(admin, unique("vic"), "pw-vic-1");
        api.setActiveStatus(admin, uma, false);
        JsonNode history = api.get("/api/v1/users.statusHistory?userId=" + uma, admin).body().path("history");
        Instant deactivatedAt = Instant.parse(history.get(1).path("at").asText());

        Reply before = api.get("/api/v1/users.statusHistory?userId=" + uma + "&at="
                + deactivatedAt.minusNanos(1000), admin);
        Reply at = api.get("/api/v1/users.statusHistory?userId=" + uma + "&at=" + deactivatedAt, admin);

        assertThat(before.body().path("active").asBoolean(false)).isTrue();
        assertThat(at.body().path("active").asBoolean(true)).isFalse();
        assertThat(at.text("userId")).isEqualTo(uma);
        assertThat(at.body().path("success").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/users.statusHistory?userId=" + uma + "&at=yesterday", admin).text("errorType"))
                .isEqualTo("invalid-params");
    }

    @Test
    void usersMayReadTheirOwnHistoryButNotOthers() {
        String name = unique("wes");
        String wes = api.createUser(admin, name, "pw-wes-1");
        Login login = api.login(name, "pw-wes-1");

        assertThat(api.get("/api/v1/users.statusHistory?userId=" + wes, login).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users.statusHistory?userId=" + admin.userId(), login).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/users.statusHistory?userId=nobody", admin).status()).isEqualTo(400);
    }

    @Test
    void everyEventCarriesTheActorAndACorrelationId() {
        String xena = api.createUser(admin, unique("xena"), "pw-xena-1");
        api.setActiveStatus(admin, xena, false);

        for (String metaData : jdbc.queryForList("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type not like '%LoginTokensRevoked' " // the saga's
                + "and payload_type not like '%DeactivationCleanupCompleted'", String.class, xena)) {
            JsonNode meta = Api.parse(metaData);
            assertThat(meta.path("actorId").asText()).isEqualTo(admin.userId());
            assertThat(meta.path("actorUsername").asText()).isEqualTo(ADMIN);
            assertThat(meta.path("correlationId").asText()).isNotEmpty();
            assertThat(meta.path("cause").asText()).startsWith("users.");
        }
    }
}
