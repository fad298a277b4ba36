package chat.lifecycle.command.room;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a user to a channel or group (invite or join); adding a member again changes nothing. */
public record AddRoomMember(@TargetAggregateIdentifier String roomId, String userId) {
}
