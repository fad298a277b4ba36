package chat.lifecycle.query.config;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import chat.lifecycle.events.Upcasters;
import chat.lifecycle.query.audit.StatusHistoryProjection;
import chat.lifecycle.query.room.RoomViewProjection;
import chat.lifecycle.query.user.UserViewProjection;
import java.time.Duration;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * What the query side needs of Axon when it runs alone, as the command side sets it up for itself: the upcasters
 * of the published language, and handlers that fail loudly (a projection that cannot apply an event is retried,
 * never skipped). In the all-in-one server both sides declare them; an upcaster applied twice finds nothing left
 * to upcast.
 */
@org.springframework.context.annotation.Configuration
public class QuerySideAxonConfiguration {

    private static final List<String> READ_MODELS =
            List.of(UserViewProjection.GROUP, StatusHistoryProjection.GROUP, RoomViewProjection.GROUP);

    @Bean
    public EventUpcasterChain querySideUpcasters() {
        return Upcasters.all();
    }

    @Autowired
    public void failLoudly(EventProcessingConfigurer configurer) {
        configurer.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * In the all-in-one server the read models move with the command's own transaction (subscribing): a 200 means
     * every read shows it. Alone, the query side follows the store another JVM appends to, on tracking processors:
     * they wake as soon as the store has news, and save their token even after events they do not handle (the
     * command side's read-your-writes waits for those tokens) once {@code lifecycle.query.token-save-interval}
     * passes without another event, which is also how often an idle one renews its claim: one small update each.
     * A pooled processor would poll this store every 500 ms and save such tokens only every five seconds.
     */
    @Autowired
    public void readModelProcessors(EventProcessingConfigurer configurer,
                                    @Value("${lifecycle.query.store-poll-interval:#{null}}") Duration storePoll,
                                    @Value("${lifecycle.query.token-save-interval:PT0.1S}") Duration tokenSave) {
        if (storePoll == null) {
            READ_MODELS.forEach(configurer::registerSubscribingEventProcessor);
            return;
        }
        TrackingEventProcessorConfiguration tracking = TrackingEventProcessorConfiguration
                .forSingleThreadedProcessing()
                .andBatchSize(64)
                .andEventAvailabilityTimeout(tokenSave.toMillis(), MILLISECONDS);
        READ_MODELS.forEach(name -> configurer.registerTrackingEventProcessor(name, Configuration::eventStore,
                configuration -> tracking));
    }
}
