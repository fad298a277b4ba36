package chat.lifecycle.command.config;

import chat.lifecycle.command.credentials.LiveCredentialCheck;
import chat.lifecycle.platform.ops.CorrelationIdProvider;
import chat.lifecycle.events.Audit;
import chat.lifecycle.events.Upcasters;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.PessimisticLockingFailureException;

/** Axon wiring that differs from the Spring Boot defaults. */
@Configuration
public class AxonConfiguration {

    /**
     * The clock Axon stamps events with ({@code GenericEventMessage.clock}, a setting of the whole process), ticking by
     * the millisecond: the event store keeps timestamps to the millisecond, so a read model built live and one
     * rebuilt from the store hold the very same instants.
     */
    @Bean
    public Clock eventClock() {
        GenericEventMessage.clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
        return GenericEventMessage.clock;
    }

    /**
     * Events inherit the correlation id, causation id, acting user and cause of the command that produced them,
     * so every stored event says who acted and why.
     */
    @Bean
    public CorrelationDataProvider auditCorrelation() {
        return new SimpleCorrelationDataProvider(Audit.ACTOR_ID, Audit.ACTOR_USERNAME, Audit.CAUSE);
    }

    @Bean
    public EventUpcasterChain upcasters() {
        return Upcasters.all();
    }

    /**
     * Axon's message origin (correlation and trace ids), except that a correlation id the message already carries (a
     * request's {@code X-Correlation-Id}) is kept along the whole chain; see {@link CorrelationIdProvider}.
     */
    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new CorrelationIdProvider();
    }

    /**
     * Users, their OAuth grants and rooms stay in memory between commands, so a command does not read their events
     * again (aggregate ids are unique across types, so they share the cache): the most used ones, as many as
     * {@code lifecycle.aggregate-cache.entries} says. Several command nodes share the event store, so an entry is
     * used only while it is the aggregate's latest version in the store ({@link LatestAggregateCache}); a conflict
     * that remains (another node appends between that check and this node's append) rolls the unit of work back,
     * evicts the entry, and the gateway's retry loads the aggregate afresh.
     */
    @Bean
    public Cache aggregateCache(@Value("${lifecycle.aggregate-cache.entries:20000}") long entries, EventStore store) {
        return new LatestAggregateCache(entries, store);
    }

    /**
     * A snapshot every {@code lifecycle.snapshot.every} (100) events, so loading an aggregate with a long history (a
     * user's logins and status changes, their OAuth codes and refreshes, a room's members) reads at most that many
     * events after it.
     */
    @Bean
    public SnapshotTriggerDefinition aggregateSnapshots(Snapshotter snapshotter,
                                                        @Value("${lifecycle.snapshot.every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    /**
     * Axon's snapshotter, taking snapshots on a thread of its own. By default the committing thread takes it, after
     * the commit but still holding the aggregate's lock, and needs a second connection for it: when the commands
     * waiting for that lock hold every connection of the pool (each took one as its transaction began), nothing
     * moves until the pool's timeout. A snapshot only saves reading events, so one that finds the queue full is
     * dropped; the aggregate is snapshotted again after as many events more.
     */
    @Bean
    public SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration axon,
                                                           HandlerDefinition handlerDefinition,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           EventStore eventStore, TransactionManager transactions,
                                                           SnapshotterSpanFactory spanFactory,
                                                           ExecutorService snapshotExecutor) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(axon::repository)
                .transactionManager(transactions)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotExecutor)
                .build();
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService snapshotExecutor() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1_000), runnable -> {
            Thread thread = new Thread(runnable, "aggregate-snapshot");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /**
     * Axon's query bus, without the transaction it opens around every query by default: a query reads one
     * committed row or page, and the transaction's commit would be a round trip of its own to PostgreSQL in every
     * {@code users.setActiveStatus} answer.
     */
    @Bean
    @Qualifier("localSegment")
    public SimpleQueryBus queryBus(org.axonframework.config.Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .transactionManager(NoTransactionManager.instance())
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.queryUpdateEmitter())
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    /**
     * Retries a command that lost an optimistic-concurrency race (another node appended to the same aggregate
     * first), or that PostgreSQL chose as a deadlock's victim (two admins deactivating each other, each holding
     * their own credential lock shared, see {@link LiveCredentialCheck}); the retry reloads the aggregate and decides
     * again, so no update is lost. Rule violations are final and fail at once.
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        var retries = IntervalRetryScheduler.builder()
                .retryExecutor(new RetriesInTheirRequest())
                .retryInterval(20)
                .maxRetryCount(10);
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(new ConflictRetries(retries))
                .build();
    }

    /**
     * Retries concurrency conflicts and deadlocks only. Axon's non-transient predicate is tested against every cause
     * in the chain as well, and a {@link ConcurrencyException} always wraps the store's duplicate-key error: a
     * predicate of "anything but a ConcurrencyException" therefore matches that cause and would retry no conflict at
     * all. Deciding on the failure itself keeps the chain out of it.
     */
    static final class ConflictRetries extends IntervalRetryScheduler {

        ConflictRetries(IntervalRetryScheduler.Builder builder) {
            super(builder);
        }

        @Override
        protected boolean isExplicitlyNonTransient(Throwable failure) {
            return !(failure instanceof ConcurrencyException || failure instanceof PessimisticLockingFailureException);
        }
    }
}
