package chat.lifecycle.app;

import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * The query side alone ({@code --role=query}): projections on streaming processors, the read routes, the event feed,
 * replay and the RabbitMQ publisher, for the split deployment, with the operations beans (health of its
 * processors, metrics, correlation ids) and the event store configuration from the platform module. It
 * schedules no deadlines, so db-scheduler stays off.
 */
@SpringBootApplication(scanBasePackages = {"chat.lifecycle.query", "chat.lifecycle.platform"},
        exclude = {UserDetailsServiceAutoConfiguration.class, DbSchedulerAutoConfiguration.class})
public class QuerySideApplication {
}
