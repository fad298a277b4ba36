package chat.lifecycle.command.room;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a member an owner. */
public record AddRoomOwner(@TargetAggregateIdentifier String roomId, String userId) {
}
