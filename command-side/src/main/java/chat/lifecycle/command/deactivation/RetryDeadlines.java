package chat.lifecycle.command.deactivation;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's db-scheduler deadline manager, except that cancelling a deadline that is firing at that moment is not an
 * error. A saga confirmed by an event disarms its retry; when that retry is just then running on a scheduler thread,
 * db-scheduler refuses the cancel. Axon would fail the saga's whole batch, and the processor would stop for a
 * second or more and handle the batch again, while under a backlog the next retry may be firing already. The firing
 * retry needs no cancel: it waits for the saga's lock, then finds it ended, or sends again what is still pending,
 * which is idempotent.
 */
public class RetryDeadlines extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(RetryDeadlines.class);

    private final Scheduler scheduler;

    public RetryDeadlines(Builder builder, Scheduler scheduler) {
        super(builder.scheduler(scheduler));
        this.scheduler = scheduler;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> {
            try {
                scheduler.cancel(new DbSchedulerDeadlineToken(scheduleId));
            } catch (TaskInstanceCurrentlyExecutingException firing) {
                log.debug("deadline {} {} is firing now: left to run", deadlineName, scheduleId);
            }
        });
    }
}
