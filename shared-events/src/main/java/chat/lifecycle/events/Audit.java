package chat.lifecycle.events;

/**
 * Metadata keys every command and event carries besides Axon's own {@code correlationId} and {@code traceId}:
 * who acted and through which route or process.
 */
public final class Audit {

    /** Id of the user who sent the command; {@code "system"} for the server's own processes. */
    public static final String ACTOR_ID = "actorId";
    /** Username of that user, kept so audits read without a join. */
    public static final String ACTOR_USERNAME = "actorUsername";
    /** The route ({@code users.setActiveStatus}) or process ({@code bootstrap}) that caused the change. */
    public static final String CAUSE = "cause";

    public static final String SYSTEM = "system";

    private Audit() {
    }
}
