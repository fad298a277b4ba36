package chat.lifecycle.command.deactivation;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's db-scheduler deadline manager, except that cancelling a deadline that is firing at that moment is not an
 * error. A saga confirmed by an event disarms its retry; when that retry is just then running on a scheduler thread,
 * db-scheduler refuses the cancel. Axon would fail the saga's whole batch, and the processor would stop for a
 * second or more and handle the batch again, while under a backlog the next retry may be firing already. The firing
 * retry needs no cancel: it waits for the saga's lock, then finds it ended, or sends again what is still pending,
 * which is idempotent.
 *
 * <p>The cancel is one statement: the row deleted unless it is picked. db-scheduler's own cancel reads the row first,
 * then deletes it by its version, two statements in every deactivation's cleanup.
 */
public class RetryDeadlines extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(RetryDeadlines.class);

    private final JdbcTemplate jdbc;
    private final String cancel;

    public RetryDeadlines(Builder builder, Scheduler scheduler, JdbcTemplate jdbc, String table) {
        super(builder.scheduler(scheduler));
        this.jdbc = jdbc;
        this.cancel = "delete from " + table + " where task_name = ? and task_instance = ? and not picked";
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        var deadline = new DbSchedulerDeadlineToken(scheduleId);
        runOnPrepareCommitOrNow(() -> {
            if (jdbc.update(cancel, deadline.getTaskName(), deadline.getId()) == 0) {
                log.debug("deadline {} {} is firing now, or gone: left be", deadlineName, scheduleId);
            }
        });
    }
}
