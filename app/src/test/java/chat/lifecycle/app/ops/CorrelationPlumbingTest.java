package chat.lifecycle.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.platform.ops.CorrelationIdProvider;
import chat.lifecycle.platform.ops.CorrelationMdcInterceptor;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The correlation id's Axon side, without a server: the MDC interceptor and the correlation data provider. */
class CorrelationPlumbingTest {

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void theInterceptorShowsTheMessagesIdsWhileItsHandlerRunsAndRestoresTheOldOnes() throws Exception {
        MDC.put("correlationId", "outer");
        var message = GenericEventMessage.asEventMessage("payload")
                .andMetaData(MetaData.with("correlationId", "inner").and("traceId", "root"));
        var unitOfWork = DefaultUnitOfWork.startAndGet(message);
        AtomicReference<String> seen = new AtomicReference<>();
        try {
            new CorrelationMdcInterceptor().handle(unitOfWork, new DefaultInterceptorChain<>(unitOfWork,
                    java.util.List.of(), m -> {
                        seen.set(MDC.get("correlationId") + "/" + MDC.get("traceId"));
                        return null;
                    }));
        } finally {
            unitOfWork.rollback();
        }

        assertThat(seen.get()).isEqualTo("inner/root");
        assertThat(MDC.get("correlationId")).isEqualTo("outer");
        assertThat(MDC.get("traceId")).isNull();
    }

    @Test
    void aCarriedCorrelationIdIsKeptAndTheCauseIsRecorded() {
        var message = GenericEventMessage.asEventMessage("payload").andMetaData(MetaData.with("correlationId", "req-1"));

        var data = new CorrelationIdProvider().correlationDataFor(message);

        assertThat(data.get("correlationId")).isEqualTo("req-1");
        assertThat(data.get("causationId")).isEqualTo(message.getIdentifier());
        assertThat(data.get("traceId")).isEqualTo(message.getIdentifier());
    }

    @Test
    void aMessageWithoutOneStartsTheChainWithItsOwnId() {
        var message = GenericEventMessage.asEventMessage("payload");

        var data = new CorrelationIdProvider().correlationDataFor(message);

        assertThat(data.get("correlationId")).isEqualTo(message.getIdentifier());
    }
}
