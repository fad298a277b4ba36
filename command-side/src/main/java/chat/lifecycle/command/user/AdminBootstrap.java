package chat.lifecycle.command.user;

import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.Passwords;
import chat.lifecycle.command.credentials.Tokens;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * First start: when no admin exists, creates one from {@code ADMIN_USERNAME}, {@code ADMIN_PASS} and
 * {@code ADMIN_EMAIL}, Rocket.Chat's convention. The password never reaches a log.
 */
@Component
public class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccounts accounts;
    private final AuditedCommands commands;
    private final Passwords passwords;
    private final Environment env;

    public AdminBootstrap(UserAccounts accounts, AuditedCommands commands, Passwords passwords,
                          Environment env) {
        this.accounts = accounts;
        this.commands = commands;
        this.passwords = passwords;
        this.env = env;
    }

    @Override
    public void run(ApplicationArguments args) {
        String username = env.getProperty("ADMIN_USERNAME");
        String password = env.getProperty("ADMIN_PASS");
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            return;
        }
        if (accounts.anyAdmin()) {
            return;
        }
        if (accounts.byUsername(username).isPresent()) {
            log.warn("ADMIN_USERNAME {} belongs to a user who is not an admin; no admin created", username);
            return;
        }
        String email = env.getProperty("ADMIN_EMAIL", username + "@localhost");
        commands.send(new CreateUser(Tokens.newId(), username, env.getProperty("ADMIN_NAME", "Administrator"),
                email, true, passwords.hash(password), Set.of(User.ADMIN), true, false), Actor.SYSTEM, "bootstrap");
        log.info("created the first admin, {}", username);
    }
}
