package chat.lifecycle.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WakeOnWantedEventsTest {

    private static final int POLL_MILLIS = 1000;

    private final AtomicInteger wakes = new AtomicInteger();
    private final WakeOnWantedEvents store = new WakeOnWantedEvents(EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .fetchDelay(POLL_MILLIS), event -> event.getPayload().equals("wanted")) {
        @Override
        void wake(List<? extends EventMessage<?>> events) {
            wakes.incrementAndGet();
            super.wake(events);
        }
    };

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void onlyACommitHoldingAWantedEventWakesTheProducer() {
        commit("login");
        commit("reactivated");
        assertThat(wakes).hasValue(0);

        commit("login", "wanted");
        assertThat(wakes).hasValue(1);
    }

    @Test
    void anEventNobodyWantsIsReadAtTheNextPollAndAWantedOneAtOnce() throws Exception {
        try (TrackingEventStream stream = store.openStream(null)) {
            assertThat(stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).isFalse();

            commit("login");
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("login");

            commit("wanted");
            assertThat(stream.hasNextAvailable(POLL_MILLIS / 3, TimeUnit.MILLISECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("wanted");
        }
    }

    private void commit(String... payloads) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            for (String payload : payloads) {
                store.publish(GenericEventMessage.asEventMessage(payload));
            }
        });
    }
}
