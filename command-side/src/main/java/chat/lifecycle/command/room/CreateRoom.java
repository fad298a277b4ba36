package chat.lifecycle.command.room;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a public channel or private group; the creator becomes its first member and owner. */
public record CreateRoom(@TargetAggregateIdentifier String roomId, String type, String name, String creatorId,
                         List<String> memberIds, boolean readOnly) {
}
