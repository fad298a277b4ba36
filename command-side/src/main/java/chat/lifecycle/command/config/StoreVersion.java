package chat.lifecycle.command.config;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The store's last sequence number of the aggregate a command targets (null: no event yet), read ahead by the
 * command's first statement ({@code LiveCredentialCheck}) and kept in its unit of work, where
 * {@link LatestAggregateCache} takes it instead of asking the store.
 */
public record StoreVersion(String aggregateId, Long version) {

    private static final String RESOURCE = StoreVersion.class.getName();

    public static void readAhead(UnitOfWork<?> unitOfWork, String aggregateId, Long version) {
        unitOfWork.resources().put(RESOURCE, new StoreVersion(aggregateId, version));
    }

    /** What was read ahead for the aggregate in the current unit of work, once; null if nothing was. */
    static StoreVersion take(String aggregateId) {
        return CurrentUnitOfWork.map(unitOfWork -> {
            if (unitOfWork.resources().get(RESOURCE) instanceof StoreVersion ahead
                    && ahead.aggregateId().equals(aggregateId)) {
                unitOfWork.resources().remove(RESOURCE);
                return ahead;
            }
            return null;
        }).orElse(null);
    }
}
