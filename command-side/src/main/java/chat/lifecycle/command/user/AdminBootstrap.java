package chat.lifecycle.command.user;

import chat.lifecycle.command.Actor;
import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.Passwords;
import chat.lifecycle.command.credentials.Tokens;
import chat.lifecycle.command.user.UserAccounts.Account;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * At start, when no admin is active, makes {@code ADMIN_USERNAME} one (Rocket.Chat's {@code ADMIN_USERNAME},
 * {@code ADMIN_PASS}, {@code ADMIN_EMAIL}): on the first start it creates that user; on a later start that finds
 * admins but none active (left so by an older build, say), it reactivates the user and grants the admin role, or
 * creates the user if there is none, so an operator can always get back in. An existing user keeps their password.
 * The password never reaches a log.
 */
@Component
public class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String CAUSE = "bootstrap";

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
        if (accounts.anyActiveAdmin()) {
            return;
        }
        Optional<Account> existing = accounts.byUsername(username);
        if (existing.isPresent()) {
            restore(existing.get());
            return;
        }
        boolean firstStart = !accounts.anyAdmin();
        String email = env.getProperty("ADMIN_EMAIL", username + "@localhost");
        commands.send(new CreateUser(Tokens.newId(), username, env.getProperty("ADMIN_NAME", "Administrator"),
                email, true, passwords.hash(password), Set.of(User.ADMIN), true, false), Actor.SYSTEM, CAUSE);
        if (firstStart) {
            log.info("created the first admin, {}", username);
        } else {
            log.warn("no active admin: created {} (ADMIN_USERNAME) as one", username);
        }
    }

    private void restore(Account account) {
        try {
            if (!account.roles().contains(User.ADMIN)) {
                commands.send(new AddRoleToUser(account.id(), User.ADMIN), Actor.SYSTEM, CAUSE);
            }
            commands.send(new SetActiveStatus(account.id(), true, false), Actor.SYSTEM, CAUSE);
            log.warn("no active admin: made {} (ADMIN_USERNAME, id {}) an active admin again", account.username(),
                    account.id());
        } catch (UserRuleViolation refused) {
            log.error("no active admin, and {} (ADMIN_USERNAME) cannot be made one: {}", account.username(),
                    refused.rule());
        }
    }
}
