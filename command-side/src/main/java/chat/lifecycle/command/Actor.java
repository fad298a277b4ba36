package chat.lifecycle.command;

import chat.lifecycle.events.Audit;

/** Who sends a command: a signed-in user, or the server itself. */
public record Actor(String id, String username) {

    public static final Actor SYSTEM = new Actor(Audit.SYSTEM, Audit.SYSTEM);
}
