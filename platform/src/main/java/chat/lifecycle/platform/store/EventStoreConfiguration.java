package chat.lifecycle.platform.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import chat.lifecycle.platform.web.Causes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's event store, token store and saga store on plain JDBC, over the tables Flyway creates (snake_case names;
 * see the {@code axon_store} migrations). Axon's Spring Boot support builds the token and saga stores from these
 * schemas; the storage engine and the event store are declared here, so that both roles build them alike.
 */
@Configuration
public class EventStoreConfiguration {

    /** Events read per query by a streaming processor; larger batches make a replay take fewer round trips. */
    private static final int FETCH_BATCH = 500;

    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new GenericSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    @Bean
    public EventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer,
                                                 org.axonframework.config.Configuration axon,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema, QueuedWritesJdbcTemplate jdbc) {
        return new TunedJdbcEventStorageEngine(jdbc, JdbcEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .snapshotFilter(axon.snapshotFilter())
                .persistenceExceptionResolver(duplicateKeys())
                .connectionProvider(connectionProvider)
                .transactionManager(new ReadsOutsideTransactions(transactionManager))
                .schema(eventSchema)
                .batchSize(FETCH_BATCH));
    }

    /**
     * Axon's embedded event store, as its Spring Boot support builds it, but woken only by the commits that hold an
     * event some streaming processor here wants at once ({@link WakeOnWantedEvents}). Otherwise its producer reads the
     * store every {@code lifecycle.query.store-poll-interval} (Axon's second by default): the query role alone sets it
     * short, since it sees the command side's events only that way and the command side's writes wait for them.
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon,
                                         ObjectProvider<PromptlyRead> wanters,
                                         @Value("${lifecycle.query.store-poll-interval:PT1S}") Duration storePoll) {
        List<PromptlyRead> wanted = wanters.orderedStream().toList();
        return new WakeOnWantedEvents(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .fetchDelay(storePoll.toMillis())
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class)),
                event -> wanted.stream().anyMatch(want -> want.wanted(event)));
    }

    /**
     * A second append at the same aggregate sequence number is a concurrency conflict, which the command gateway
     * retries. Axon's JDBC default recognises only {@code SQLIntegrityConstraintViolationException}, which neither
     * PgJDBC nor H2 throws; both report SQL state 23505 (unique violation), inside a batch update exception here.
     */
    @Bean
    public PersistenceExceptionResolver duplicateKeys() {
        return exception -> Causes.first(exception, cause -> cause instanceof SQLException sql
                && isUniqueViolation(sql)).isPresent();
    }

    private static boolean isUniqueViolation(SQLException failure) {
        SQLException next = failure.getNextException();
        return UNIQUE_VIOLATION.equals(failure.getSQLState())
                || next != null && UNIQUE_VIOLATION.equals(next.getSQLState());
    }
}
