package chat.lifecycle.query.feed;

import chat.lifecycle.platform.store.PromptlyRead;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishing to RabbitMQ is off in the embedded default and on with {@code lifecycle.downstream.rabbitmq.enabled};
 * the broker is Spring Boot's {@code spring.rabbitmq.*}.
 */
@Configuration
@ConditionalOnProperty(name = "lifecycle.downstream.rabbitmq.enabled", havingValue = "true")
public class DownstreamConfiguration {

    @Bean
    TopicExchange downstreamExchange(@Value("${lifecycle.downstream.rabbitmq.exchange}") String name) {
        return new TopicExchange(name, true, false);
    }

    /** Every event goes downstream as soon as it commits. */
    @Bean
    PromptlyRead downstreamEvents() {
        return event -> true;
    }

    @Bean
    DownstreamPublisher downstreamPublisher(RabbitTemplate rabbit, PublishedEvents published,
                                            StoredPositions positions, ObjectMapper json,
                                            TopicExchange downstreamExchange) {
        return new DownstreamPublisher(rabbit, published, positions, json, downstreamExchange.getName());
    }
}
