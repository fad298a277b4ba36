package chat.lifecycle.command.room;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates the 1:1 direct message room of two users; its id is derived from theirs (see {@link Room#directId}). */
public record CreateDirectMessage(@TargetAggregateIdentifier String roomId, List<String> userIds) {
}
