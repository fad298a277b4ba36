package chat.lifecycle.app;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.IntegrationTest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives the unchanged npm client {@code @rocket.chat/api-client} (contract-test/contract.mjs) against this server:
 * login, me, users.create, setActiveStatus both ways, users.info, the inactive login, an invalid body, an unknown
 * user and logout. Needs Node.js and npm; installs the client from its lock file on first use.
 */
class RocketChatClientContractTest extends IntegrationTest {

    private static final File CONTRACT = new File("../contract-test").getAbsoluteFile();

    @LocalServerPort
    int serverPort;

    @Test
    void theRocketChatClientWorksUnchanged() throws Exception {
        if (!new File(CONTRACT, "node_modules/@rocket.chat/api-client").isDirectory()) {
            assertThat(run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300)).isZero();
        }

        int exit = run(List.of("node", "--test", "--test-reporter=spec", "contract.mjs"), 120);

        assertThat(exit).as("node --test contract.mjs exit code (its output is above)").isZero();
    }

    private int run(List<String> command, int seconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(CONTRACT).redirectErrorStream(true);
        builder.environment().put("BASE_URL", "http://127.0.0.1:" + serverPort);
        builder.environment().put("ADMIN_USERNAME", ADMIN);
        builder.environment().put("ADMIN_PASS", ADMIN_PASSWORD);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        System.out.println(new String(output, StandardCharsets.UTF_8));
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + seconds + " s");
        }
        return process.exitValue();
    }
}
