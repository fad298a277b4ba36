package chat.lifecycle.app;

import chat.lifecycle.command.config.EventStoreConfiguration;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The query side alone ({@code --role=query}): projections on streaming processors, the read routes, the event feed,
 * replay and the RabbitMQ publisher, for the split deployment, with the operations beans (health of its
 * processors, metrics, correlation ids) and the command side's event store configuration (the tables are one). It
 * schedules no deadlines, so db-scheduler stays off.
 */
@SpringBootApplication(scanBasePackages = {"chat.lifecycle.query", "chat.lifecycle.command.ops"},
        exclude = {UserDetailsServiceAutoConfiguration.class, DbSchedulerAutoConfiguration.class})
@Import(EventStoreConfiguration.class)
public class QuerySideApplication {
}
