package chat.lifecycle.command.user;

/**
 * A command broke one of the user rules; the web layer turns each kind into Rocket.Chat's error body. Thrown
 * before any event is applied, so nothing is written.
 */
public class UserRuleViolation extends RuntimeException {

    public enum Rule {
        USER_IS_FEDERATED,
        LAST_ACTIVE_ADMIN,
        USER_NOT_ACTIVATED,
        USERNAME_TAKEN,
        EMAIL_TAKEN,
        ALREADY_IN_ROLE,
        TOKEN_NAME_TAKEN,
        TOKEN_NOT_FOUND,
        LAST_OWNER_OF_ROOMS
    }

    private final Rule rule;
    private final String subject;
    private final RoomsToHandOver.HandOver rooms;

    /** {@code subject} names what broke the rule: the user id, the username or email taken, the role. */
    public UserRuleViolation(Rule rule, String subject) {
        this(rule, subject, null);
    }

    /** The last-owner rule, with the rooms that would have to be handed over or deleted. */
    public UserRuleViolation(Rule rule, String subject, RoomsToHandOver.HandOver rooms) {
        super(rule + ": " + subject, null, false, false);
        this.rule = rule;
        this.subject = subject;
        this.rooms = rooms;
    }

    public RoomsToHandOver.HandOver rooms() {
        return rooms;
    }

    public Rule rule() {
        return rule;
    }

    public String subject() {
        return subject;
    }
}
