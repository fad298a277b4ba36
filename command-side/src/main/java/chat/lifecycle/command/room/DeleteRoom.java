package chat.lifecycle.command.room;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a channel or group. */
public record DeleteRoom(@TargetAggregateIdentifier String roomId) {
}
