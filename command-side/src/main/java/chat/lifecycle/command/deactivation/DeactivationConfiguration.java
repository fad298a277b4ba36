package chat.lifecycle.command.deactivation;

import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.platform.store.PromptlyRead;
import com.github.kagkarlsson.scheduler.Scheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.SagaManagerSpanFactory;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The resources the deactivation saga works with. */
@Configuration
public class DeactivationConfiguration {

    /**
     * The saga, with Axon's defaults but for its manager, {@link HomeSegmentSagaManager}: a saga lives in the
     * segment of the user it started for, so a user's events are looked up by that segment alone, and a deactivation
     * that relinquished no room is not looked up at all ({@link DeactivationSaga#needs}).
     */
    @Autowired
    void registerSaga(EventProcessingConfigurer processing) {
        processing.registerSaga(DeactivationSaga.class, saga -> saga.configureSagaManager(axon -> {
            EventProcessingConfiguration processors = axon.eventProcessingConfiguration();
            return new HomeSegmentSagaManager<>(AnnotatedSagaManager.<DeactivationSaga>builder()
                    .sagaType(DeactivationSaga.class)
                    .sagaRepository(processors.sagaConfiguration(DeactivationSaga.class).repository())
                    .parameterResolverFactory(axon.parameterResolverFactory())
                    .handlerDefinition(axon.handlerDefinition(DeactivationSaga.class))
                    .listenerInvocationErrorHandler(processors.listenerInvocationErrorHandler(
                            processors.sagaProcessingGroup(DeactivationSaga.class)))
                    .spanFactory(axon.getComponent(SagaManagerSpanFactory.class)), DeactivationSaga.HOME_KEY,
                    DeactivationSaga::needs);
        }));
    }

    /** The saga's events are read as soon as they commit: its steps, and a 200 waiting for its receipt, follow them. */
    @Bean
    PromptlyRead sagaEvents() {
        return DeactivationSaga::awaits;
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService revocationExecutor(@Value("${lifecycle.deactivation.step-threads:4}") int threads) {
        return Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "revocation-step");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Axon's auto-configured deadline manager on the db-scheduler that Spring Boot starts and stops, with the
     * cancel of {@link RetryDeadlines}.
     */
    @Bean
    DbSchedulerDeadlineManager deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration axon,
                                               @Qualifier("eventSerializer") Serializer serializer,
                                               TransactionManager transactions, DeadlineManagerSpanFactory spans,
                                               JdbcTemplate jdbc,
                                               @Value("${db-scheduler.table-name:scheduled_tasks}") String table) {
        return new RetryDeadlines(DbSchedulerDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactions)
                .spanFactory(spans)
                .startScheduler(false)
                .stopScheduler(false), scheduler, jdbc, table);
    }

    @Bean
    DeactivationSteps deactivationSteps(List<DeactivationStep<?>> steps) {
        return new DeactivationSteps(steps);
    }

    @Bean
    RevocationSteps revocationSteps(AuditedCommands commands, TransactionManager transactions,
                                    ExecutorService revocationExecutor,
                                    @Value("${lifecycle.deactivation.retry-after:PT10S}") Duration retryAfter) {
        return new RevocationSteps(commands, transactions, revocationExecutor, retryAfter);
    }
}
