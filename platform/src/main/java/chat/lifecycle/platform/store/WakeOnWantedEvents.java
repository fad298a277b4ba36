package chat.lifecycle.platform.store;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, whose producer (it reads new events for this JVM's streaming processors) is woken
 * after a commit only when the commit holds an event some processor wants at once ({@link PromptlyRead}). Each wake
 * costs three reads of the store and two gap checks, whatever the commit held; most commits (a deactivation that
 * cleans up in its own transaction, a reactivation, a login) concern no streaming processor here.
 */
public class WakeOnWantedEvents extends EmbeddedEventStore {

    private final PromptlyRead wanted;

    public WakeOnWantedEvents(Builder builder, PromptlyRead wanted) {
        super(builder);
        this.wanted = wanted;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (events.stream().anyMatch(wanted::wanted)) {
            wake(events);
        }
    }

    /** The producer reads the store now. */
    void wake(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
    }
}
