package chat.lifecycle.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * The launcher. By default the all-in-one server: command side and query side in one JVM, on Rocket.Chat's port
 * 3000, with an embedded H2 file under {@code ./data} when no database is configured. With {@code --role=command}
 * or {@code --role=query} (or {@code LIFECYCLE_ROLE}) the same jar runs one side alone, for the split deployment
 * behind a reverse proxy; the role is also the Spring profile that configures it.
 */
@SpringBootApplication(scanBasePackages = {"chat.lifecycle.platform", "chat.lifecycle.command", "chat.lifecycle.query"},
        exclude = UserDetailsServiceAutoConfiguration.class) // no generated password in the log
public class LifecycleApplication {

    static {
        // Axon 4.12+ reports usage to its vendor at start-up unless told not to. A static initialiser covers every
        // way the application starts: main, tests, and tools that load this class.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
    }

    public static void main(String[] args) {
        String role = role(args);
        SpringApplication application = new SpringApplication(switch (role) {
            case "command" -> CommandSideApplication.class;
            case "query" -> QuerySideApplication.class;
            case "all" -> LifecycleApplication.class;
            default -> throw new IllegalArgumentException("role must be all, command or query, not " + role);
        });
        if (!role.equals("all")) {
            application.setAdditionalProfiles(role);
        }
        application.run(args);
    }

    private static String role(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--role=")) {
                return arg.substring("--role=".length());
            }
        }
        String fromEnvironment = System.getenv("LIFECYCLE_ROLE");
        return fromEnvironment == null || fromEnvironment.isBlank() ? "all" : fromEnvironment;
    }
}
