package chat.lifecycle.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * The command side alone ({@code --role=command}): aggregates, lookups, sagas, the write routes and request
 * authentication, for the split deployment behind a reverse proxy.
 */
@SpringBootApplication(scanBasePackages = {"chat.lifecycle.command", "chat.lifecycle.platform"}, exclude = UserDetailsServiceAutoConfiguration.class)
public class CommandSideApplication {
}
