package chat.lifecycle.events.room;

import org.axonframework.serialization.Revision;

/**
 * A public channel ({@code type} "c") or private group ("p") was created. Its creator becomes its first member and
 * owner through the {@link RoomMemberAdded} and {@link RoomOwnerAdded} events that follow.
 */
@Revision("1")
public record RoomCreated(String roomId, String type, String name, String creatorId, boolean readOnly) {

    public static final String PUBLIC = "c";
    public static final String PRIVATE = "p";
}
