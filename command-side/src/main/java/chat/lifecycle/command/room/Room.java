package chat.lifecycle.command.room;

import static chat.lifecycle.command.room.RoomRuleViolation.Rule.ALREADY_OWNER;
import static chat.lifecycle.command.room.RoomRuleViolation.Rule.LAST_OWNER;
import static chat.lifecycle.command.room.RoomRuleViolation.Rule.NOT_AN_OWNER;
import static chat.lifecycle.command.room.RoomRuleViolation.Rule.NOT_A_MEMBER;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import chat.lifecycle.events.room.DirectMessageCreated;
import chat.lifecycle.events.room.RoomCreated;
import chat.lifecycle.events.room.RoomDeleted;
import chat.lifecycle.events.room.RoomMemberAdded;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.room.RoomOwnerRemoved;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A channel, group or 1:1 direct message: its members in join order and its owners. Which members are active is
 * not the room's business; the deactivation saga, which knows, tells it whom to hand ownership to.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "aggregateSnapshots")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE) // snapshots hold the fields as they are
public class Room {

    @AggregateIdentifier
    private String roomId;
    private String type;
    /** In join order: the first is the earliest-joined. Declared linked, so a snapshot reads back in order. */
    private final LinkedHashSet<String> members = new LinkedHashSet<>();
    private final LinkedHashSet<String> owners = new LinkedHashSet<>();

    protected Room() {
        // for Axon's event sourcing
    }

    /**
     * Rocket.Chat's DM id: the two user ids, sorted and joined. A note to self joins the user's id twice: the
     * user's id alone is their own aggregate's.
     */
    public static String directId(String userId, String otherId) {
        return userId.compareTo(otherId) <= 0 ? userId + otherId : otherId + userId;
    }

    @CommandHandler
    public Room(CreateRoom command) {
        apply(new RoomCreated(command.roomId(), command.type(), command.name(), command.creatorId(),
                command.readOnly()));
        apply(new RoomMemberAdded(command.roomId(), command.creatorId()));
        apply(new RoomOwnerAdded(command.roomId(), command.creatorId()));
        command.memberIds().stream().filter(id -> !id.equals(command.creatorId())).distinct()
                .forEach(id -> apply(new RoomMemberAdded(command.roomId(), id)));
    }

    @CommandHandler
    public Room(CreateDirectMessage command) {
        apply(new DirectMessageCreated(command.roomId(), List.copyOf(new TreeSet<>(command.userIds()))));
    }

    @CommandHandler
    public void handle(AddRoomMember command) {
        if (!members.contains(command.userId())) {
            apply(new RoomMemberAdded(roomId, command.userId()));
        }
    }

    @CommandHandler
    public void handle(AddRoomOwner command) {
        if (!members.contains(command.userId())) {
            throw new RoomRuleViolation(NOT_A_MEMBER, command.userId());
        }
        if (owners.contains(command.userId())) {
            throw new RoomRuleViolation(ALREADY_OWNER, command.userId());
        }
        apply(new RoomOwnerAdded(roomId, command.userId()));
    }

    @CommandHandler
    public void handle(RemoveRoomOwner command) {
        if (!owners.contains(command.userId())) {
            throw new RoomRuleViolation(NOT_AN_OWNER, command.userId());
        }
        if (owners.size() == 1) {
            throw new RoomRuleViolation(LAST_OWNER, command.userId());
        }
        apply(new RoomOwnerRemoved(roomId, command.userId()));
    }

    @CommandHandler
    public void handle(DeleteRoom command) {
        apply(new RoomDeleted(roomId));
    }

    @CommandHandler
    public void handle(HandOverRoom command) {
        String leaving = command.leavingUserId();
        boolean isPrivate = RoomCreated.PRIVATE.equals(type);
        if (isPrivate && (members.equals(Set.of(leaving)) || command.alone() && members.contains(leaving))) {
            apply(new RoomDeleted(roomId));
        } else if (owners.equals(Set.of(leaving))) {
            if (command.newOwnerId() != null && members.contains(command.newOwnerId())) {
                apply(new RoomOwnerAdded(roomId, command.newOwnerId()));
            } else if (command.newOwnerId() == null && isPrivate) {
                apply(new RoomDeleted(roomId));
            }
        }
    }

    @EventSourcingHandler
    void on(RoomCreated event) {
        roomId = event.roomId();
        type = event.type();
    }

    @EventSourcingHandler
    void on(DirectMessageCreated event) {
        roomId = event.roomId();
        type = DirectMessageCreated.TYPE;
        members.addAll(event.userIds());
    }

    @EventSourcingHandler
    void on(RoomMemberAdded event) {
        members.add(event.userId());
    }

    @EventSourcingHandler
    void on(RoomOwnerAdded event) {
        owners.add(event.userId());
    }

    @EventSourcingHandler
    void on(RoomOwnerRemoved event) {
        owners.remove(event.userId());
    }

    @EventSourcingHandler
    void on(RoomDeleted event) {
        markDeleted();
    }
}
