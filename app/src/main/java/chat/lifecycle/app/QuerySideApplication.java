package chat.lifecycle.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * The query side alone ({@code --role=query}): projections on streaming processors, the read routes, the event feed,
 * replay and the RabbitMQ publisher, for the split deployment, with the operations beans (health of its
 * processors, metrics, correlation ids). It schedules no deadlines, so Quartz stays off.
 */
@SpringBootApplication(scanBasePackages = {"chat.lifecycle.query", "chat.lifecycle.command.ops"},
        exclude = {UserDetailsServiceAutoConfiguration.class, QuartzAutoConfiguration.class})
public class QuerySideApplication {
}
