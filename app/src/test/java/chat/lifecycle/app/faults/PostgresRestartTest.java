package chat.lifecycle.app.faults;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.lifecycle.app.faults.Population.Member;
import chat.lifecycle.app.faults.ToggleLoad.Answer;
import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.ServerProcess;
import chat.lifecycle.app.support.ServerProcesses;
import chat.lifecycle.app.support.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL restarted ({@code pg_ctlcluster ... restart -m fast}) under a load of status toggles and reads on a
 * server JVM. Requests caught by the outage either succeed or fail cleanly: in the contract's shape, as 503 (the
 * database out of reach: try again), never as a server error; the server recovers by itself; and nothing is
 * half-written: read models, lookups and status history match the event store, and the saga of every deactivation
 * completes. Runs only against this machine's own PostgreSQL cluster, which it restarts (so every other client of
 * that server is disconnected too), and always leaves it running.
 */
class PostgresRestartTest {

    private static final int USERS = 12;
    private static final int TOGGLERS = 3;
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void requestsCaughtByAPostgresRestartFailCleanlyAndNothingIsHalfWritten() throws Exception {
        Cluster cluster = Cluster.local();
        TestDatabase database = TestDatabase.get().sibling();
        StoredStatus store = new StoredStatus(database);
        ServerProcess server = servers.add(Population.start("postgres-restart", database));
        Api api = new Api(server.port());
        Login root = api.login(Population.ROOT, Population.ROOT_PASSWORD);
        List<Member> members = Population.create(api, root, "restart", USERS);

        try (ToggleLoad load = ToggleLoad.start(server.port(), root, members, TOGGLERS)) {
            await("toggles under way").atMost(Duration.ofSeconds(30)).until(() -> load.everyTogglerSucceededSince(0));
            try {
                cluster.restart();
            } finally {
                cluster.awaitReady();
            }
            long restarted = System.nanoTime();
            await("every toggling client served again after the restart").atMost(RECOVERY).until(
                    () -> load.everyTogglerSucceededSince(restarted));
            load.close();
            assertCleanAnswers(load.answers(), restarted);
        }

        Consistency.awaitSagasDone(store, Duration.ofSeconds(60));
        Consistency.assertReadModelsMatchTheStore(store);
        Consistency.assertOnlyNeverDeactivatedCredentialsWork(api, members, store);
    }

    /** Every answer is a success or a refusal in the contract's shape; every request was answered. */
    private static void assertCleanAnswers(List<Answer> answers, long restarted) {
        Map<String, Integer> tally = new TreeMap<>();
        List<String> unclean = new ArrayList<>();
        for (Answer answer : answers) {
            String when = answer.atNanos() < restarted ? "before" : "after";
            tally.merge(answer.request().split(" ")[0] + " " + answer.status() + " (" + when + " PostgreSQL was back)",
                    1, Integer::sum);
            if (answer.status() == 200) {
                continue;
            }
            try {
                assertThat(answer.status()).as("no answer").isPositive();
                assertThat(answer.status() < 500 || answer.status() == 503).as("a refusal, or 503").isTrue();
                ErrorBodies.assertContractShaped(answer.request() + " -> " + answer.status(), answer.body());
            } catch (AssertionError notClean) {
                unclean.add(answer.request() + " -> " + answer.status() + " "
                        + ErrorBodies.abbreviate(answer.body()) + ": " + notClean.getMessage());
            }
        }
        System.out.println("PostgresRestartTest answers: " + tally);
        assertThat(unclean).as("answers that were neither a success nor a clean refusal").isEmpty();
    }

    /** This machine's PostgreSQL cluster, restarted with Debian's cluster tools; the test is skipped without them. */
    private record Cluster(String tool, String isReady, String version, String name, String port) {

        static Cluster local() throws IOException, InterruptedException {
            assumeTrue(TestDatabase.get().onThisMachine(),
                    "the test database is not this machine's own PostgreSQL (Testcontainers or TEST_PG_HOST)");
            String tool = onPath("pg_ctlcluster");
            String isReady = onPath("pg_isready");
            assumeTrue(tool != null && isReady != null, "no pg_ctlcluster or pg_isready on the PATH");
            List<Path> versions = children(Path.of("/etc/postgresql"));
            assumeTrue(versions.size() == 1, "not exactly one PostgreSQL version in /etc/postgresql");
            List<Path> clusters = children(versions.get(0));
            assumeTrue(clusters.size() == 1, "not exactly one cluster in " + versions.get(0));
            String port = System.getenv().getOrDefault("TEST_PG_PORT", "5432");
            Cluster cluster = new Cluster(tool, isReady, versions.get(0).getFileName().toString(),
                    clusters.get(0).getFileName().toString(), port.isBlank() ? "5432" : port);
            assumeTrue(cluster.run("status") == 0, "pg_ctlcluster cannot see the cluster running (not allowed?)");
            return cluster;
        }

        void restart() throws IOException, InterruptedException {
            assertThat(run("-m", "fast", "restart")).as("pg_ctlcluster restart").isZero();
        }

        /** Waits for PostgreSQL to accept connections again, and starts it if it is still down after 30 s. */
        void awaitReady() throws IOException, InterruptedException {
            if (!readyWithin(30)) {
                run("start");
                assertThat(readyWithin(30)).as("PostgreSQL accepting connections after pg_ctlcluster start").isTrue();
            }
        }

        private boolean readyWithin(int seconds) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                Process check = new ProcessBuilder(isReady, "-q", "-h", "127.0.0.1", "-p", port).start();
                if (check.waitFor(10, TimeUnit.SECONDS) && check.exitValue() == 0) {
                    return true;
                }
                Thread.sleep(200);
            }
            return false;
        }

        private int run(String... action) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(tool, "--skip-systemctl-redirect"));
            command.addAll(List.of(action).subList(0, action.length - 1));
            command.addAll(List.of(version, name, action[action.length - 1]));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File("target/pg_ctlcluster.log")).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        }

        private static String onPath(String program) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            return null;
        }

        private static List<Path> children(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.filter(Files::isDirectory).toList();
            }
        }
    }
}
