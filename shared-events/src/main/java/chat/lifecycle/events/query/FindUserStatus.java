package chat.lifecycle.events.query;

/** Asks the query side for a user's id and active flag, the view {@code users.setActiveStatus} answers with. */
public record FindUserStatus(String userId) {
}
