package chat.lifecycle.platform.store;

import org.axonframework.eventhandling.EventMessage;

/**
 * Committed events that a streaming processor of this JVM should read at once (the saga's, say). A commit holding
 * none of them leaves the store's producer asleep: it reads them with the next commit that wakes it, or at its next
 * poll of the store ({@link EventStoreConfiguration}).
 */
@FunctionalInterface
public interface PromptlyRead {

    boolean wanted(EventMessage<?> event);
}
