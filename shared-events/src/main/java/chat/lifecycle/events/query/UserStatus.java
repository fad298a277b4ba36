package chat.lifecycle.events.query;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to {@link FindUserStatus}: exactly what Rocket.Chat returns in {@code user}. */
public record UserStatus(@JsonProperty("_id") String id, boolean active) {
}
