package chat.lifecycle.platform.ops;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Set;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Operations plumbing: the meters of Axon's messages, the correlation id (the HTTP filter and the Axon handler
 * interceptor), the request line guard, the request body limit, and error bodies in Rocket.Chat's shape wherever
 * they are written (Tomcat, Spring Security's firewall, Spring Boot's error page).
 */
@Configuration
public class OperationsConfiguration {

    /** The methods Spring Security's {@code StrictHttpFirewall} lets through by default. */
    private static final Set<String> FIREWALL_METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST",
            "PUT");

    private final CorrelationMdcInterceptor mdcInterceptor = new CorrelationMdcInterceptor();

    /**
     * The filter is registered here and only here (it is no bean itself, so Boot does not add it a second time),
     * first of all filters, so Spring Security's refusals and the error page carry the id too.
     */
    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        return onEveryPath(new CorrelationIdFilter(), 0);
    }

    /**
     * Spring Security observes nothing: left on, it wraps every filter of its chain, each authorization and each
     * authentication in an observation (spans for a tracer this server does not have), a cost on every request
     * (docs/performance.md). The request itself stays observed ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Request lines no route takes are refused right after the correlation id is set. */
    @Bean
    FilterRegistrationBean<RequestLineGuard> requestLineGuard() {
        return onEveryPath(new RequestLineGuard(), 1);
    }

    /** Bodies over 1 MiB get 413, and bodies slower than {@code lifecycle.http.body-timeout} 408. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
            @Value("${lifecycle.http.body-timeout:PT10S}") Duration bodyTimeout) {
        return onEveryPath(new RequestBodyLimit(bodyTimeout), 2);
    }

    /** The database out of reach, wherever it surfaces below Spring MVC, is 503 (inside the correlation id's filter). */
    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailable() {
        return onEveryPath(new DatabaseUnavailableFilter(), 3);
    }

    /** A filter on every path, {@code place}th of all (0: first), outside Spring Security's chain. */
    private static <F extends Filter> FilterRegistrationBean<F> onEveryPath(F filter, int place) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + place);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * What Spring Security's firewall refuses, answered in the contract's shape instead of a bare status: a method it
     * does not let through (TRACE, which Tomcat refuses with 405 and then sends to the error page, or an unknown one)
     * is 405, anything else (a {@code ;} or an encoded {@code /} in the path, say) 400.
     */
    @Bean
    RequestRejectedHandler contractShapedRejections() {
        return (request, response, rejected) -> {
            if (FIREWALL_METHODS.contains(request.getMethod())) {
                ContractError.write(response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request");
            } else {
                ContractError.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method Not Allowed");
            }
        };
    }

    /** Tomcat's request threads, the most recently idle first. */
    @Bean
    RequestWorkers requestWorkers(ServerProperties server) {
        return new RequestWorkers(server.getTomcat().getThreads());
    }

    /** A request whose body was too slow to arrive is not drained after its 408. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> undrainedTimeouts() {
        return factory -> factory.addContextValves(new UndrainedTimeouts());
    }

    /**
     * Tomcat's own refusals in JSON: its HTML error report valve is replaced on the host. Being unordered, this runs
     * after Spring Boot's customizer (order 0), which adds a report valve of its own.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                host.getPipeline().addValve(new JsonErrorReportValve());
            }
        });
    }

    /** Spring Boot's error page answers in Rocket.Chat's failure shape too. */
    @Bean
    ContractErrorAttributes errorAttributes() {
        return new ContractErrorAttributes();
    }

    /** Axon's components report what they handle as {@link MessageMeters} (static: Axon needs it early). */
    @Bean
    static ConfigurerModule messageMeters(MeterRegistry registry) {
        return configurer -> configurer.configureMessageMonitor(
                configuration -> (componentType, name) -> MessageMeters.of(registry, componentType, name));
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
