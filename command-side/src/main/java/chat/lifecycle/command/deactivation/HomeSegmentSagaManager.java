package chat.lifecycle.command.deactivation;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.AssociationValue;

/**
 * Axon's annotated saga manager, except that a saga belongs to the segment of the association it started with (its
 * home) instead of the segment of its random id, and an event associated by the home's key alone is looked up only
 * by the segment it belongs to.
 *
 * <p>Every segment of a saga processor reads every event and looks its associations up in the saga store, then
 * keeps the sagas of its own segment. Axon already starts a saga only in the segment of its first association, but
 * gives it a random id of that segment, which may fall elsewhere once the segments are split; so every segment has
 * to look. Here a saga's id begins with the hash of its home association (eight hex digits, then {@code ~}), and the
 * segment of a saga is the segment of that hash, under any split or merge. The segments that cannot hold a saga of
 * the event's home association skip it without a query or a transaction: with four segments, a user's own events
 * cost one lookup and one transaction instead of four.
 *
 * <p>It relies on a saga never being associated later with another value of its home key. An id without the hash
 * (a saga started before this manager) belongs where Axon put it; such sagas must have ended before the processor's
 * segments are next split.
 */
final class HomeSegmentSagaManager<T> extends AnnotatedSagaManager<T> {

    private static final char SEPARATOR = '~';
    private static final int HASH_DIGITS = 8;

    private final String homeKey;
    private final Predicate<EventMessage<?>> needed;
    /** The event being handled, whose first association is the home of a saga it starts. */
    private final ThreadLocal<EventMessage<?>> handling = new ThreadLocal<>();

    /** {@code needed} tells the events the saga type has a handler for that can change no saga apart. */
    HomeSegmentSagaManager(AnnotatedSagaManager.Builder<T> builder, String homeKey,
                           Predicate<EventMessage<?>> needed) {
        super(builder);
        this.homeKey = homeKey;
        this.needed = needed;
    }

    /**
     * Not for a segment that holds no saga the event can reach or start: the processor then skips the event instead
     * of handling it in a transaction of its own that only moves the segment's token (three of four transactions
     * per saga event with four segments). A segment that skips saves its token with its next batch, or after the
     * processor's event availability timeout.
     */
    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        return needed.test(event) && !elsewhere(event, segment) && super.canHandle(event, segment);
    }

    @Override
    public void handle(EventMessage<?> event, Segment segment) throws Exception {
        if (!needed.test(event) || elsewhere(event, segment)) {
            return;
        }
        handling.set(event);
        try {
            super.handle(event, segment);
        } finally {
            handling.remove();
        }
    }

    /** Whether every saga this event can reach, or start, belongs to another segment. */
    private boolean elsewhere(EventMessage<?> event, Segment segment) {
        Set<AssociationValue> associations = extractAssociationValues(event);
        return !associations.isEmpty() && associations.stream()
                .allMatch(association -> homeKey.equals(association.getKey()) && !segment.matches(association));
    }

    @Override
    protected String createSagaIdentifier(Segment segment) {
        AssociationValue home = getSagaCreationPolicy(handling.get()).getInitialAssociationValue();
        return String.format("%0" + HASH_DIGITS + "x", Objects.hashCode(home)) + SEPARATOR
                + IdentifierFactory.getInstance().generateIdentifier();
    }

    @Override
    protected boolean matchesSegment(Segment segment, String sagaId) {
        return segment.matches(homeHash(sagaId));
    }

    /** The hash that places a saga in a segment: its home association's, or, for an id without it, the id's. */
    static int homeHash(String sagaId) {
        if (sagaId.length() > HASH_DIGITS && sagaId.charAt(HASH_DIGITS) == SEPARATOR) {
            try {
                return Integer.parseUnsignedInt(sagaId, 0, HASH_DIGITS, 16);
            } catch (NumberFormatException notAHash) {
                return sagaId.hashCode();
            }
        }
        return sagaId.hashCode();
    }
}
