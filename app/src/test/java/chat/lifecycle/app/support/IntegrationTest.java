package chat.lifecycle.app.support;

import chat.lifecycle.app.LifecycleApplication;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the HTTP integration tests: the all-in-one app on a random port (or the split deployment, see
 * {@link #SPLIT}), on a PostgreSQL database made for this
 * run, with a first admin from the ADMIN_* settings. Every test class shares the one server; tests make their own
 * users with unique names, so they do not depend on each other.
 */
@SpringBootTest(classes = LifecycleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ConnectionGuard.class)
public abstract class IntegrationTest {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-secret-1";
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** A replay writes its status-history rows every 100 events, so the suites' replays write while they read. */
    static final String REPLAY_WRITE_EVERY = "100";

    @LocalServerPort
    int port;

    protected Api api;
    protected Api.Login admin;

    /**
     * With {@code -Dlifecycle.test.split=true} the suite runs through the split deployment on the same database:
     * the tests' requests go to its proxy, while this context (a further node) still serves their direct reads.
     */
    protected static final boolean SPLIT = Boolean.getBoolean("lifecycle.test.split");
    private static SplitTopology split;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws java.io.IOException {
        TestDatabase database = TestDatabase.get();
        if (SPLIT && split == null) {
            split = SplitTopology.start(database, ADMIN, ADMIN_PASSWORD);
        }
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
        registry.add("ADMIN_USERNAME", () -> ADMIN);
        registry.add("ADMIN_PASS", () -> ADMIN_PASSWORD);
        registry.add("ADMIN_EMAIL", () -> "admin@example.org");
        // Every test class signs in from one address, and BadInputAtVolumeTest fails admin's password hundreds of
        // times: login blocking is LoginBlockingTest's, on servers of its own.
        registry.add("lifecycle.login.block.enabled", () -> "false");
        registry.add("lifecycle.replay.write-every", () -> REPLAY_WRITE_EVERY);
    }

    @BeforeEach
    void signIn() {
        api = new Api(SPLIT ? split.port() : port);
        admin = api.login(ADMIN, ADMIN_PASSWORD);
    }

    /** No thread of the server took a second connection while it held one, during this test or before it. */
    @AfterEach
    void noThreadTookASecondConnection() {
        List<Throwable> taken = ConnectionGuard.takeSecondConnections();
        if (!taken.isEmpty()) {
            AssertionError failure = new AssertionError(taken.size() + " second connections taken; the first: "
                    + taken.get(0).getMessage());
            taken.stream().limit(5).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    /**
     * The server that builds the read models, addressed directly: in the split deployment the query side on its
     * own port, for what the proxy sends elsewhere (its health, its API document); else the one server.
     */
    protected Api readSide() {
        return SPLIT ? new Api(split.queryPort()) : api;
    }

    /** A username no other test uses. */
    protected static String unique(String prefix) {
        return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + NAMES.incrementAndGet();
    }
}
