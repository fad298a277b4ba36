package chat.lifecycle.app.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server in a JVM of its own, started from the test classpath: a process a test can kill with {@code kill -9}
 * or run in one role of the split deployment. Waits until the port answers HTTP.
 */
public final class ServerProcess {

    private final Process process;
    private final int port;
    private final File log;

    private ServerProcess(Process process, int port, File log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Ready once this user can sign in: the server is up and its first admin exists. */
    public static java.util.function.Predicate<Api> signsIn(String user, String password) {
        return client -> client.post("/api/v1/login", Api.json("user", user, "password", password), null)
                .status() == 200;
    }

    /**
     * Starts {@code LifecycleApplication} with the database and these extra arguments, logging to target/, and
     * waits until {@code ready} holds for it.
     */
    public static ServerProcess start(String name, TestDatabase database, java.util.function.Predicate<Api> ready,
                                      String... arguments) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-Xmx512m",
                // A test server serves many tests from one address with shared admins: login blocking stays off
                // unless a test turns it on with an argument (arguments win over system properties).
                "-Dlifecycle.login.block.enabled=false",
                "-cp", System.getProperty("java.class.path"),
                "chat.lifecycle.app.LifecycleApplication",
                "--server.port=" + port,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password()));
        String poolSize = "--spring.datasource.hikari.maximum-pool-size=";
        if (Arrays.stream(arguments).noneMatch(argument -> argument.startsWith(poolSize))) {
            command.add(poolSize + 8);
        }
        command.addAll(List.of(arguments));
        File log = new File("target/" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        // Whatever fails after this (the proxy of a split topology, say), the server does not outlive the tests.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        ServerProcess server = new ServerProcess(process, port, log);
        Api api = new Api(port);
        await(name + " ready on port " + port + " (log: " + log + ")").atMost(Duration.ofSeconds(120))
                .until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited; see " + log);
            }
            try {
                return ready.test(api);
            } catch (AssertionError notYet) {
                return false;
            }
        });
        return server;
    }

    public int port() {
        return port;
    }

    /** The file the server logs to. */
    public File log() {
        return log;
    }

    /** {@code kill -9}: no shutdown hook, no graceful anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * A plain {@code kill}: the server shuts down gracefully and releases its event processors' segments, so nodes
     * that stay on the database take them over at once. Forced after 30 s.
     */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
