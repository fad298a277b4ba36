package chat.lifecycle.query.config;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query side alone sees events another JVM appended only by polling the store; Axon's default waits a second
 * between polls, too slow for writes that wait for their read models. With
 * {@code lifecycle.query.store-poll-interval} (the query role sets it) the store is polled that often instead.
 * Declaring the event store replaces Axon's default storage engine too, so it is declared here the same way:
 * JPA, Jackson, the upcasters.
 */
@Configuration
@ConditionalOnProperty("lifecycle.query.store-poll-interval")
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
public class RemoteEventsConfiguration {

    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 @Qualifier("serializer") Serializer snapshotSerializer,
                                                 List<EventUpcaster> upcasters,
                                                 EntityManagerProvider entityManagerProvider,
                                                 TransactionManager transactionManager,
                                                 DataSource dataSource) throws SQLException {
        PersistenceExceptionResolver conflicts = new SQLErrorCodesResolver(dataSource);
        return JpaEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(new EventUpcasterChain(upcasters))
                .persistenceExceptionResolver(conflicts)
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager)
                .build();
    }

    @Bean
    public EventStore eventStore(EventStorageEngine storageEngine,
                                 @Value("${lifecycle.query.store-poll-interval}") Duration pollInterval) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(pollInterval.toMillis())
                .build();
    }
}
