package chat.lifecycle.command.config;

import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Queues, as a command arrives, reads its handling is known to make, so they go with the command's first statement
 * (the live credential check's, {@code LiveCredentialCheck}) instead of in round trips of their own. A bean of this
 * type queues them ({@link QueuedWritesJdbcTemplate#queryLater}) and {@linkplain #keep keeps} each in the command's
 * unit of work under a name; the code that would read it {@linkplain #take takes} it from there.
 */
public interface CommandReadAhead {

    /** Queues what handling {@code command} will read, if anything; called in the command's unit of work. */
    void queueFor(Object command);

    /** Keeps a read in the current unit of work, for the first {@link #take} of that name. */
    static void keep(String name, Supplier<?> read) {
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.root().resources().put(name, read));
    }

    /** The read kept under that name in the current unit of work, answered once; empty if none was kept. */
    @SuppressWarnings("unchecked")
    static <T> Optional<T> take(String name) {
        return CurrentUnitOfWork.map(unitOfWork -> (Supplier<T>) unitOfWork.root().resources().remove(name))
                .map(Supplier::get);
    }
}
