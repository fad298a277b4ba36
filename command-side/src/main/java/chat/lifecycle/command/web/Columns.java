package chat.lifecycle.command.web;

/**
 * Sizes of the columns request values end up in (see the Flyway migrations). A longer value is refused as bad input
 * before anything is written, instead of failing in the database.
 */
public final class Columns {

    /**
     * {@code user_account.username} and {@code .name}, {@code login_token.name} (a personal access token's),
     * {@code oauth_app.name}, {@code room_lookup.name}.
     */
    public static final int NAME = 255;
    /** {@code user_account.email}. */
    public static final int EMAIL = 320;
    /** {@code oauth_app.redirect_uris}: the app's redirect URIs, comma-separated. */
    public static final int REDIRECT_URIS = 4000;
    /** {@code oauth_code.redirect_uri}: the one a code was issued for. */
    public static final int REDIRECT_URI = 2000;

    private Columns() {
    }
}
