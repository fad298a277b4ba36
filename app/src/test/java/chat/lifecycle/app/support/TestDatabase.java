package chat.lifecycle.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A fresh PostgreSQL database for one test run. Where a Docker engine exists it runs in a Testcontainers
 * container; otherwise it is created on the server named by {@code TEST_PG_HOST}, {@code TEST_PG_PORT},
 * {@code TEST_PG_USER} and {@code TEST_PG_PASSWORD} (default: the local server, user postgres) and dropped when
 * the JVM exits. Tests never depend on anything left behind.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String url;
    private final String user;
    private final String password;
    private final boolean containerized;

    private TestDatabase(String url, String user, String password, boolean containerized) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.containerized = containerized;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = dockerAvailable() ? inContainer() : onLocalServer();
        }
        return instance;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /**
     * Whether the server is this machine's own PostgreSQL (not a container, not another host), which a test may
     * restart with its cluster tools.
     */
    public boolean onThisMachine() {
        return !containerized && (url.startsWith("jdbc:postgresql://127.0.0.1:")
                || url.startsWith("jdbc:postgresql://localhost:"));
    }

    /** Another empty database on the same server, for a test that needs a world of its own. */
    public TestDatabase sibling() {
        String name = newName();
        execute(adminUrl(), "create database " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        return new TestDatabase(url.substring(0, url.lastIndexOf('/') + 1) + name, user, password, containerized);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable noDocker) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    private static TestDatabase inContainer() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:15-alpine");
        postgres.start();
        return new TestDatabase(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(), true);
    }

    private static TestDatabase onLocalServer() {
        String host = env("TEST_PG_HOST", "127.0.0.1");
        String port = env("TEST_PG_PORT", "5432");
        String user = env("TEST_PG_USER", "postgres");
        String password = env("TEST_PG_PASSWORD", "");
        TestDatabase server = new TestDatabase("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password,
                false);
        return server.sibling();
    }

    private String adminUrl() {
        return url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
    }

    /**
     * Runs at JVM exit, beside Spring's own hook that closes the test contexts: waits for their connection pools
     * to let go, and only then forces the drop.
     */
    private void drop(String name) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try {
                execute(adminUrl(), "drop database if exists " + name);
                return;
            } catch (RuntimeException stillInUse) {
                sleep();
            }
        }
        try {
            execute(adminUrl(), "drop database if exists " + name + " with (force)");
        } catch (RuntimeException ignored) {
            // the server may already be gone at JVM exit; the name is unique, so nothing depends on it
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void execute(String jdbcUrl, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + jdbcUrl, e);
        }
    }

    private static String newName() {
        return "lifecycle_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
