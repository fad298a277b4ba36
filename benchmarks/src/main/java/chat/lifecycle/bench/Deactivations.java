package chat.lifecycle.bench;

/**
 * How a server under load deactivates a user, removing every credential they hold, and reactivates them: this
 * server's users.setActiveStatus, or the peer's admin API ({@link Keycloak}). A reply in 2xx is a success.
 */
interface Deactivations {

    Http.Reply deactivate(Subject subject);

    Http.Reply reactivate(Subject subject);

    /** This server: users.setActiveStatus, whose 200 comes once the user's credentials are deleted. */
    static Deactivations setActiveStatus(Http http, Http.Login admin) {
        String route = "/api/v1/users.setActiveStatus";
        return new Deactivations() {
            @Override
            public Http.Reply deactivate(Subject subject) {
                return http.post(route, Http.object("userId", subject.userId(), "activeStatus", false,
                        "confirmRelinquish", true), admin);
            }

            @Override
            public Http.Reply reactivate(Subject subject) {
                return http.post(route, Http.object("userId", subject.userId(), "activeStatus", true), admin);
            }
        };
    }
}
