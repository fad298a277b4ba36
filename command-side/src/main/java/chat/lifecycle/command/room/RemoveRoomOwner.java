package chat.lifecycle.command.room;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes the owner role away; never from the last owner. */
public record RemoveRoomOwner(@TargetAggregateIdentifier String roomId, String userId) {
}
