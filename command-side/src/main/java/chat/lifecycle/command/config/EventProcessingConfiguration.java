package chat.lifecycle.command.config;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** How event handlers fail: loudly. */
@Configuration
public class EventProcessingConfiguration {

    /**
     * Axon's default logs a failing handler and moves on, which would leave a lookup or projection silently behind
     * its events. Propagating instead rolls a subscribing handler's command back with it, and makes a streaming
     * processor retry the event until it succeeds.
     */
    @Autowired
    public void failLoudly(EventProcessingConfigurer configurer) {
        configurer.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
