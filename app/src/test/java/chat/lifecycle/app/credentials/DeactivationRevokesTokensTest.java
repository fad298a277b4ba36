package chat.lifecycle.app.credentials;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.command.credentials.RevokeStaleLoginTokens;
import chat.lifecycle.command.deactivation.RevocationSteps;
import chat.lifecycle.command.room.HandOverRoom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deactivation kills every login token at once (no window) and deletes them in the same commit, and reactivation
 * does not bring them back.
 */
class DeactivationRevokesTokensTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RevocationSteps steps;

    @Test
    void everyTokenIsRefusedFromTheMomentTheDeactivationAnswers() {
        String name = unique("gina");
        String gina = api.createUser(admin, name, "pw-gina-1");
        Login first = api.login(name, "pw-gina-1");
        Login second = api.login(name, "pw-gina-1");
        assertThat(api.get("/api/v1/me", first).status()).isEqualTo(200);

        api.setActiveStatus(admin, gina, false);

        assertThat(api.get("/api/v1/me", first).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", second).status()).isEqualTo(401);
    }

    /** A deactivation that relinquishes no room deletes the tokens in its own commit, with no saga stored. */
    @Test
    void theDeactivationDeletesTheTokensInItsOwnCommit() {
        String name = unique("hank");
        String hank = api.createUser(admin, name, "pw-hank-1");
        api.login(name, "pw-hank-1");
        api.login(name, "pw-hank-1");
        assertThat(tokensOf(hank)).isEqualTo(2);

        api.setActiveStatus(admin, hank, false);

        assertThat(tokensOf(hank)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from association_value_entry "
                + "where association_key = 'userId' and association_value = ?", Integer.class, hank)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type like '%LoginTokensRevoked'", Integer.class, hank)).isEqualTo(1);
    }

    @Test
    void reactivationDoesNotBringOldTokensBackButNewLoginsWork() {
        String name = unique("ivy");
        String ivy = api.createUser(admin, name, "pw-ivy-1");
        Login old = api.login(name, "pw-ivy-1");

        api.setActiveStatus(admin, ivy, false);
        api.setActiveStatus(admin, ivy, true);

        assertThat(api.get("/api/v1/me", old).status()).isEqualTo(401);
        Login fresh = api.login(name, "pw-ivy-1");
        assertThat(api.get("/api/v1/me", fresh).status()).isEqualTo(200);
        assertThat(tokensOf(ivy)).isEqualTo(1);
        assertThat(api.get("/api/v1/me", fresh).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", old).status()).isEqualTo(401);
    }

    /**
     * The saga's steps go together in one transaction; when one of them fails, all roll back and each is sent again
     * on its own. The user's aggregate, changed in memory by the rolled-back attempt, must not stay cached so: its
     * tokens would count as revoked and the step sent alone would store nothing.
     */
    @Test
    void stepsThatFailTogetherAreSentAgainOneByOneAndStoredOnce() {
        String name = unique("jill");
        String jill = api.createUser(admin, name, "pw-jill-1");
        api.login(name, "pw-jill-1");

        steps.sendAfterCommit(List.of(new RevokeStaleLoginTokens(jill, 1),
                new HandOverRoom(unique("no-such-room"), jill, null)));

        await("tokens deleted").atMost(Duration.ofSeconds(30)).until(() -> tokensOf(jill) == 0);
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type like '%LoginTokensRevoked'", Integer.class, jill)).isEqualTo(1);
    }

    private int tokensOf(String userId) {
        Integer count = jdbc.queryForObject("select count(*) from login_token where user_id = ?", Integer.class,
                userId);
        return count == null ? 0 : count;
    }
}
