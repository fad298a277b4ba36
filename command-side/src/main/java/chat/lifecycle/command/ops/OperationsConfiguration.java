package chat.lifecycle.command.ops;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The correlation id's plumbing: the HTTP filter and the Axon handler interceptor. */
@Configuration
public class OperationsConfiguration {

    private final CorrelationMdcInterceptor mdcInterceptor = new CorrelationMdcInterceptor();

    /**
     * The filter is registered here and only here (it is no bean itself, so Boot does not add it a second time),
     * first of all filters, so Spring Security's refusals and the error page carry the id too.
     */
    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        var registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Command handlers log with the command's correlation id. */
    @Autowired
    void correlateCommandHandlers(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(mdcInterceptor);
    }

    /** So do the event handlers of every processor, the saga's included. */
    @Autowired
    void correlateEventHandlers(EventProcessingConfigurer configurer) {
        configurer.registerDefaultHandlerInterceptor((configuration, processorName) -> mdcInterceptor);
    }
}
