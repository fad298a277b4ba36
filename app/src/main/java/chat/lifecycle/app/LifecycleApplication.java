package chat.lifecycle.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * The all-in-one launcher: command side and query side in one JVM, on Rocket.Chat's port 3000. With no database
 * configured it runs on an embedded H2 file under {@code ./data}.
 */
@SpringBootApplication(scanBasePackages = "chat.lifecycle",
        exclude = UserDetailsServiceAutoConfiguration.class) // no generated password in the log
public class LifecycleApplication {

    static {
        // Axon 4.12+ reports usage to its vendor at start-up unless told not to. A static initialiser covers every
        // way the application starts: main, tests, and tools that load this class.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
    }

    public static void main(String[] args) {
        SpringApplication.run(LifecycleApplication.class, args);
    }
}
