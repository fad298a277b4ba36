package chat.lifecycle.command.room;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The deactivation saga's room step: {@code leavingUserId} is being deactivated. If they are still the room's only
 * owner, {@code newOwnerId} (the earliest-joined active member, chosen from the lookups) becomes an owner; with
 * no such member a private room is deleted and a public one left alone. A private room whose only member is the
 * leaving user is deleted; {@code alone} says the lookups found the user alone in it, which the room cannot tell by
 * itself (a deleted user stays among its members). Idempotent: once the room no longer depends on the user,
 * nothing happens.
 */
public record HandOverRoom(@TargetAggregateIdentifier String roomId, String leavingUserId, String newOwnerId,
                           boolean alone) {

    public HandOverRoom(String roomId, String leavingUserId, String newOwnerId) {
        this(roomId, leavingUserId, newOwnerId, false);
    }
}
