package chat.lifecycle.events.query;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What {@code users.setActiveStatus} answers in {@code user}: exactly what Rocket.Chat returns. */
public record UserStatus(@JsonProperty("_id") String id, boolean active) {
}
