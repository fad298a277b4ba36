package chat.lifecycle.app.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import chat.lifecycle.app.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A saga's retry is disarmed when its steps are confirmed. Under a backlog the retry may be firing at that very
 * moment, on a scheduler thread of this node or another: the cancel must then leave it be, not fail the saga's
 * batch (which stopped the saga processor for a second or more and handled the batch again).
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

    private String schedule() {
        return deadlines.schedule(Instant.now().plus(Duration.ofDays(1)), RETRY, null,
                new SagaScopeDescriptor("DeactivationSaga", unique("saga")));
    }

    private int stored(String scheduleId) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?", Integer.class,
                scheduleId);
    }
}
