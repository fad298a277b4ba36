package chat.lifecycle.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.IntegrationTest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The query bus runs its handlers outside a transaction: a read has no commit to wait for. */
class QueryBusTest extends IntegrationTest {

    record Probe() {
    }

    @Autowired
    QueryBus queryBus;

    @Test
    void handlersRunWithoutATransaction() throws Exception {
        var subscription = queryBus.subscribe(Probe.class.getName(), Boolean.class,
                query -> TransactionSynchronizationManager.isActualTransactionActive());
        try {
            Boolean inTransaction = queryBus.query(new GenericQueryMessage<>(new Probe(),
                    ResponseTypes.instanceOf(Boolean.class))).get().getPayload();
            assertThat(inTransaction).isFalse();
        } finally {
            subscription.cancel();
        }
    }
}
