package chat.lifecycle.app.feed;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Publishing to RabbitMQ on the local broker, through an outage: events published, the broker stopped while
 * deactivations go on, the broker started again; every event of every user arrives at least once, in order per
 * user, none missing. The consumer here is also the example subscriber: it de-duplicates by message id.
 */
class DownstreamPublisherTest extends IntegrationTest {

    private static final String EXCHANGE = "lifecycle.test." + UUID.randomUUID();
    private static final String QUEUE = EXCHANGE + ".all";

    @Autowired
    AmqpAdmin amqp;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("lifecycle.downstream.rabbitmq.enabled", () -> "true");
        registry.add("lifecycle.downstream.rabbitmq.exchange", () -> EXCHANGE);
        registry.add("spring.rabbitmq.host", () -> env("TEST_RABBIT_HOST", "127.0.0.1"));
        registry.add("spring.rabbitmq.port", () -> env("TEST_RABBIT_PORT", "5672"));
    }

    @AfterEach
    void cleanUp() {
        amqp.deleteQueue(QUEUE);
        amqp.deleteExchange(EXCHANGE);
    }

    @Test
    void everyEventArrivesInOrderPerUserAcrossABrokerOutage() throws Exception {
        TopicExchange exchange = new TopicExchange(EXCHANGE, true, false);
        amqp.declareExchange(exchange);
        Queue queue = new Queue(QUEUE, true, false, false);
        amqp.declareQueue(queue);
        amqp.declareBinding(BindingBuilder.bind(queue).to(exchange).with("#"));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(api.createUser(admin, unique("rabbit"), "pw-rabbit-1"));
        }
        toggle(users);

        rabbitmqctl("stop_app");
        try {
            toggle(users);
            toggle(users);
        } finally {
            rabbitmqctl("start_app");
            rabbitmqctl("await_startup");
        }

        Map<String, String> seen = new HashMap<>();
        Map<String, List<Long>> sequencesByUser = new LinkedHashMap<>();
        await("every event of the users received").atMost(Duration.ofSeconds(30)).until(() -> {
            drain(seen, sequencesByUser);
            return users.stream().allMatch(user -> received(sequencesByUser, user).containsAll(stored(user)));
        });
        for (String user : users) {
            List<Long> order = sequencesByUser.get(user);
            assertThat(order).as("first deliveries of %s in sequence order", user).isSorted();
            assertThat(new HashSet<>(order)).containsAll(stored(user));
        }
    }

    private void toggle(List<String> users) {
        for (String user : users) {
            assertThat(api.setActiveStatus(admin, user, false).status()).isEqualTo(200);
            assertThat(api.setActiveStatus(admin, user, true).status()).isEqualTo(200);
        }
    }

    /** The example subscriber: reads what is there, skips ids it has seen, keeps each user's sequence order. */
    private void drain(Map<String, String> seen, Map<String, List<Long>> sequencesByUser) {
        Message message;
        while ((message = rabbit.receive(QUEUE, 200)) != null) {
            String id = message.getMessageProperties().getMessageId();
            JsonNode envelope = read(message.getBody());
            if (seen.putIfAbsent(id, envelope.path("type").asText()) == null) {
                sequencesByUser.computeIfAbsent(envelope.path("aggregateId").asText(), k -> new ArrayList<>())
                        .add(envelope.path("sequence").asLong());
            }
        }
    }

    private static Set<Long> received(Map<String, List<Long>> sequencesByUser, String user) {
        return new HashSet<>(sequencesByUser.getOrDefault(user, List.of()));
    }

    private Set<Long> stored(String user) {
        return new HashSet<>(jdbc.queryForList("select sequence_number from domain_event_entry "
                + "where aggregate_identifier = ?", Long.class, user));
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON", e);
        }
    }

    private static void rabbitmqctl(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("rabbitmqctl " + command + " failed: " + output);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
