package chat.lifecycle.query.config;

import chat.lifecycle.events.user.UserDeactivated1To2Upcaster;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the query side needs of Axon when it runs alone, as the command side sets it up for itself: the upcasters
 * of the published language, and handlers that fail loudly (a projection that cannot apply an event is retried,
 * never skipped). In the all-in-one server both sides declare them; an upcaster applied twice finds nothing left
 * to upcast.
 */
@Configuration
public class QuerySideAxonConfiguration {

    @Bean
    public UserDeactivated1To2Upcaster querySideUserDeactivated1To2Upcaster() {
        return new UserDeactivated1To2Upcaster();
    }

    @Autowired
    public void failLoudly(EventProcessingConfigurer configurer) {
        configurer.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
