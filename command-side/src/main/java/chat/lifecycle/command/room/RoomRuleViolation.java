package chat.lifecycle.command.room;

/** A room command broke a room rule; nothing is written. The web layer maps each rule to Rocket.Chat's error. */
public class RoomRuleViolation extends RuntimeException {

    public enum Rule { NOT_A_MEMBER, ALREADY_OWNER, NOT_AN_OWNER, LAST_OWNER }

    private final Rule rule;

    public RoomRuleViolation(Rule rule, String subject) {
        super(rule + ": " + subject, null, false, false);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
