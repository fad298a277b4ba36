package chat.lifecycle.query.config;

import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side alone sees events another JVM appended only by polling the store; Axon's default waits a second
 * between polls, too slow for writes that wait for their read models. With
 * {@code lifecycle.query.store-poll-interval} (the query role sets it) the store is polled that often instead. The
 * storage engine is the command side's, which the query role imports along with the rest of its store configuration.
 */
@Configuration
@ConditionalOnProperty("lifecycle.query.store-poll-interval")
public class RemoteEventsConfiguration {

    @Bean
    public EventStore eventStore(EventStorageEngine storageEngine,
                                 @Value("${lifecycle.query.store-poll-interval}") Duration pollInterval) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(pollInterval.toMillis())
                .build();
    }
}
