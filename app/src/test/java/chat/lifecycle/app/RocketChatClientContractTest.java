package chat.lifecycle.app;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.RocketChatClient;
import org.junit.jupiter.api.Test;

/**
 * Drives the unchanged npm client {@code @rocket.chat/api-client} (contract-test/contract.mjs) against this server:
 * login, me, users.create, setActiveStatus both ways, users.info, the inactive login, an invalid body, an unknown
 * user and logout.
 */
class RocketChatClientContractTest extends IntegrationTest {

    @Test
    void theRocketChatClientWorksUnchanged() throws Exception {
        int exit = RocketChatClient.runContract("http://127.0.0.1:" + api.port(), ADMIN, ADMIN_PASSWORD);

        assertThat(exit).as("node --test contract.mjs exit code (its output is above)").isZero();
    }
}
