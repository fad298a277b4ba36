package chat.lifecycle.command.oauth;

/** A code or refresh token that cannot be used: RFC 6749's {@code invalid_grant}. Nothing is written. */
public class OAuthGrantRefused extends RuntimeException {

    public OAuthGrantRefused(String reason) {
        super(reason, null, false, false);
    }
}
