package chat.lifecycle.app.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs contract-test/contract.mjs, which drives the unchanged npm client {@code @rocket.chat/api-client} against a
 * server; installs the client from its lock file on first use. Needs Node.js and npm.
 */
public final class RocketChatClient {

    private static final File CONTRACT = new File("../contract-test").getAbsoluteFile();

    private RocketChatClient() {
    }

    /** The exit code of {@code node --test contract.mjs}; its output goes to the test log. */
    public static int runContract(String baseUrl, String adminUsername, String adminPassword)
            throws IOException, InterruptedException {
        if (!new File(CONTRACT, "node_modules/@rocket.chat/api-client").isDirectory()) {
            int installed = run(List.of("npm", "ci", "--no-audit", "--no-fund"), baseUrl, adminUsername,
                    adminPassword, 300);
            if (installed != 0) {
                return installed;
            }
        }
        return run(List.of("node", "--test", "--test-reporter=spec", "contract.mjs"), baseUrl, adminUsername,
                adminPassword, 120);
    }

    private static int run(List<String> command, String baseUrl, String adminUsername, String adminPassword,
                           int seconds) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(CONTRACT).redirectErrorStream(true);
        builder.environment().put("BASE_URL", baseUrl);
        builder.environment().put("ADMIN_USERNAME", adminUsername);
        builder.environment().put("ADMIN_PASS", adminPassword);
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
