package chat.lifecycle.command;

import chat.lifecycle.events.Audit;

/**
 * Who sends a command: a signed-in user, or the server itself. {@code credentialEpoch} is the epoch of the
 * credential the user acted with, re-checked in the command's own transaction ({@code LiveCredentialCheck}); null
 * when no credential was presented (the server, a password login, which its aggregate checks itself).
 */
public record Actor(String id, String username, Integer credentialEpoch) {

    public static final Actor SYSTEM = new Actor(Audit.SYSTEM, Audit.SYSTEM, null);
}
