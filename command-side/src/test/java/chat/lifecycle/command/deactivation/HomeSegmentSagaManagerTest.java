package chat.lifecycle.command.deactivation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.modelling.saga.repository.AnnotatedSagaRepository;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.Test;

class HomeSegmentSagaManagerTest {

    record Started(String userId) {
    }

    record Confirmed(String userId) {
    }

    record RoomDone(String roomId) {
    }

    /** A saga shaped like the deactivation's: started for a user, later associated with a room too. */
    public static class Probe {

        static final List<String> handled = new ArrayList<>();

        @StartSaga
        @SagaEventHandler(associationProperty = "userId")
        public void on(Started event) {
            SagaLifecycle.associateWith("roomId", "room-of-" + event.userId());
        }

        @SagaEventHandler(associationProperty = "userId")
        public void on(Confirmed event) {
            handled.add("confirmed " + event.userId());
        }

        @SagaEventHandler(associationProperty = "roomId")
        public void on(RoomDone event) {
            handled.add("room " + event.roomId());
        }
    }

    /** The saga store, counting the association lookups. */
    static final class CountingStore extends InMemorySagaStore {

        int lookups;

        @Override
        public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
            lookups++;
            return super.findSagas(sagaType, associationValue);
        }
    }

    private final CountingStore store = new CountingStore();
    private final HomeSegmentSagaManager<Probe> manager = new HomeSegmentSagaManager<>(
            AnnotatedSagaManager.<Probe>builder().sagaType(Probe.class)
                    .sagaRepository(AnnotatedSagaRepository.<Probe>builder().sagaType(Probe.class).sagaStore(store)
                            .build()), "userId", event -> !"skipped".equals(event.getMetaData().get("note")));

    /** Every segment handles the event, as a processor's threads each do. */
    private void deliver(Object payload, Segment... segments) {
        deliver(GenericEventMessage.asEventMessage(payload), segments);
    }

    private void deliver(EventMessage<?> event, Segment... segments) {
        for (Segment segment : segments) {
            DefaultUnitOfWork.startAndGet(event).execute(() -> {
                try {
                    manager.handle(event, segment);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private static Segment[] segments(int count) {
        return Segment.splitBalanced(Segment.ROOT_SEGMENT, count - 1).toArray(Segment[]::new);
    }

    @Test
    void aUsersEventsAreLookedUpOnlyByTheSegmentOfTheUser() {
        Probe.handled.clear();
        Segment[] four = segments(4);
        deliver(new Started("ann"), four);
        assertThat(store.lookups).isEqualTo(1);

        deliver(new Confirmed("ann"), four);

        assertThat(store.lookups).isEqualTo(2);
        assertThat(Probe.handled).containsExactly("confirmed ann");
    }

    /** The processor skips an event for the segments that cannot hold its sagas: no transaction there at all. */
    @Test
    void onlyTheSegmentOfTheUserTakesTheirEventsAndEverySegmentTakesOtherAssociations() {
        Segment[] four = segments(4);
        EventMessage<?> started = GenericEventMessage.asEventMessage(new Started("cid"));
        EventMessage<?> confirmed = GenericEventMessage.asEventMessage(new Confirmed("cid"));
        EventMessage<?> room = GenericEventMessage.asEventMessage(new RoomDone("room-of-cid"));

        assertThat(Arrays.stream(four).filter(segment -> manager.canHandle(started, segment))).hasSize(1);
        assertThat(Arrays.stream(four).filter(segment -> manager.canHandle(confirmed, segment))).hasSize(1)
                .allMatch(segment -> manager.canHandle(started, segment));
        assertThat(Arrays.stream(four).filter(segment -> manager.canHandle(room, segment))).hasSize(4);
    }

    @Test
    void anEventTheSagaDoesNotNeedIsNeitherTakenNorLookedUp() {
        Probe.handled.clear();
        Segment[] four = segments(4);
        deliver(new Started("dan"), four);
        EventMessage<?> skipped = GenericEventMessage.asEventMessage(new Confirmed("dan"))
                .andMetaData(Map.of("note", "skipped"));

        assertThat(Arrays.stream(four).filter(segment -> manager.canHandle(skipped, segment))).isEmpty();
        deliver(skipped, four);
        assertThat(store.lookups).isEqualTo(1);
        assertThat(Probe.handled).isEmpty();
    }

    @Test
    void eventsOfOtherAssociationsAreStillLookedUpByEverySegment() {
        Probe.handled.clear();
        Segment[] four = segments(4);
        deliver(new Started("bob"), four);

        deliver(new RoomDone("room-of-bob"), four);

        assertThat(store.lookups).isEqualTo(1 + 4);
        assertThat(Probe.handled).containsExactly("room room-of-bob");
    }

    @Test
    void aSagaStillReceivesItsUsersEventsAfterTheSegmentsAreSplit() {
        Probe.handled.clear();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            users.add("user-" + i);
            deliver(new Started("user-" + i), segments(2));
        }

        Segment[] eight = segments(8);
        users.forEach(user -> deliver(new Confirmed(user), eight));

        assertThat(Probe.handled).hasSize(32).containsExactlyInAnyOrderElementsOf(
                users.stream().map(user -> "confirmed " + user).toList());
        assertThat(store.lookups).isEqualTo(32 + 32);
    }

    @Test
    void aSagaIdCarriesTheHashOfItsHomeAssociation() {
        Segment[] four = segments(4);
        deliver(new Started("cid"), four);

        String sagaId = store.findSagas(Probe.class, new AssociationValue("userId", "cid")).iterator().next();

        assertThat(HomeSegmentSagaManager.homeHash(sagaId)).isEqualTo(new AssociationValue("userId", "cid").hashCode());
        assertThat(Arrays.stream(four).filter(segment -> segment.matches(HomeSegmentSagaManager.homeHash(sagaId))))
                .singleElement().satisfies(home -> assertThat(home.matches(new AssociationValue("userId", "cid")))
                        .isTrue());
    }

    @Test
    void anIdWithoutAHomeHashBelongsWhereAxonPutsIt() {
        String plain = UUID.randomUUID().toString();

        assertThat(HomeSegmentSagaManager.homeHash(plain)).isEqualTo(plain.hashCode());
        assertThat(HomeSegmentSagaManager.homeHash("zzzzzzzz~x")).isEqualTo("zzzzzzzz~x".hashCode());
    }
}
