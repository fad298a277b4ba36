package chat.lifecycle.app.credentials;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sagas' retries in db-scheduler's table. A saga's retry is disarmed when its steps are confirmed. Under a
 * backlog the retry may be firing at that very moment, on a scheduler thread of this node or another: the cancel
 * must then leave it be, not fail the saga's batch (which stopped the saga processor for a second or more and handled
 * the batch again). And a retry that a node had picked when it died must run again soon, not half an hour later.
 */
class RetryDeadlinesTest extends IntegrationTest {

    private static final String RETRY = "retry-revocation";

    @Autowired
    DeadlineManager deadlines;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRetryFiringWhenItIsCancelledIsLeftToRun() {
        String firing = schedule();
        jdbc.update("update scheduled_tasks set picked = true, picked_by = 'another-node', last_heartbeat = now() "
                + "where task_instance = ?", firing);

        assertThatCode(() -> deadlines.cancelSchedule(RETRY, firing)).doesNotThrowAnyException();
        assertThat(stored(firing)).as("the firing retry, deleted by its scheduler when it ends").isEqualTo(1);
    }

    @Test
    void aRetryNotYetDueIsCancelled() {
        String armed = schedule();

        deadlines.cancelSchedule(RETRY, armed);

        assertThat(stored(armed)).isZero();
    }

    @Test
    void aRetryPickedByANodeThatDiedRunsAgainSoon() {
        String orphan = schedule();
        jdbc.update("update scheduled_tasks set picked = true, picked_by = 'a-node-killed-an-hour-ago', "
                + "execution_time = now() - interval '1 hour', last_heartbeat = now() - interval '1 hour' "
                + "where task_instance = ?", orphan);

        // run again, its saga found ended, and done with
        await("the orphaned retry revived and run").atMost(Duration.ofSeconds(40)).until(() -> stored(orphan) == 0);
    }

    /**
     * A deactivation that relinquishes no room is complete at its commit: no saga stored, no retry armed. One that
     * relinquishes a room arms one retry for the hand-over and the receipt: one row written, not one per stage.
     */
    @Test
    void onlyADeactivationThatRelinquishesRoomsArmsARetryAndOnlyOne() {
        String dora = api.createUser(admin, unique("dora"), "pw-dora-1");
        String erinName = unique("erin");
        String erin = api.createUser(admin, erinName, "pw-erin-1");
        String heirName = unique("heir");
        api.createUser(admin, heirName, "pw-heir-1");
        Reply group = api.post("/api/v1/groups.create", "{\"name\":\"" + unique("kept") + "\",\"members\":[\""
                + heirName + "\"]}", api.login(erinName, "pw-erin-1"));
        assertThat(group.status()).as(group.raw()).isEqualTo(200);
        jdbc.execute("create table armed_retry (task_instance text)");
        jdbc.execute("create function note_armed_retry() returns trigger language plpgsql as "
                + "$$ begin insert into armed_retry values (new.task_instance); return new; end $$");
        jdbc.execute("create trigger note_armed_retry after insert on scheduled_tasks for each row "
                + "execute function note_armed_retry()");
        try {
            assertThat(api.setActiveStatus(admin, dora, false).status()).isEqualTo(200);
            assertThat(sagasOf(dora)).as("sagas stored for a deactivation with no room").isZero();
            assertThat(jdbc.queryForObject("select count(*) from armed_retry", Integer.class)).isZero();

            Reply relinquishing = api.post("/api/v1/users.setActiveStatus", "{\"userId\":\"" + erin
                    + "\",\"activeStatus\":false,\"confirmRelinquish\":true}", admin);
            assertThat(relinquishing.status()).as(relinquishing.raw()).isEqualTo(200);
            await("saga ended").atMost(Duration.ofSeconds(30)).until(() -> sagasOf(erin) == 0);
            assertThat(jdbc.queryForObject("select count(*) from armed_retry", Integer.class)).isEqualTo(1);
        } finally {
            jdbc.execute("drop trigger note_armed_retry on scheduled_tasks");
            jdbc.execute("drop function note_armed_retry()");
            jdbc.execute("drop table armed_retry");
        }
    }

    private int sagasOf(String userId) {
        return jdbc.queryForObject("select count(*) from association_value_entry "
                + "where association_key = 'userId' and association_value = ?", Integer.class, userId);
    }

    private String schedule() {
        return deadlines.schedule(Instant.now().plus(Duration.ofDays(1)), RETRY, null,
                new SagaScopeDescriptor("DeactivationSaga", unique("saga")));
    }

    private int stored(String scheduleId) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?", Integer.class,
                scheduleId);
    }
}
