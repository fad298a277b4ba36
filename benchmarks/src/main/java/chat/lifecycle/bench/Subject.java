package chat.lifecycle.bench;

/**
 * A user the load deactivates: they hold a login token, OAuth access and refresh tokens, and own a channel whose
 * other member takes it over when they are deactivated.
 */
record Subject(String userId, Http.Login login, String accessToken, String roomId, String heirId) {
}
