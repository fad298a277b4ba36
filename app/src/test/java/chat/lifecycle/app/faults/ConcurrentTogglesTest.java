package chat.lifecycle.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.ServerProcess;
import chat.lifecycle.app.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hundred {@code users.setActiveStatus} calls on one user at once, from sixteen threads, spread over two server
 * nodes on the same database. Within a node Axon serialises commands on one aggregate; across nodes they race, and
 * the loser's append conflicts with the winner's (the store's unique aggregate sequence). No toggle may be lost, and
 * none answered with a server error. The second node has fewer connections than requests waiting for the user's
 * lock, and snapshots the user every few events: nothing may hold the lock or a connection while it waits for
 * another connection.
 */
class ConcurrentTogglesTest extends IntegrationTest {

    private static final int CALLS = 100;
    private static final int THREADS = 16;

    private final StoredStatus store = new StoredStatus(TestDatabase.get());
    private ServerProcess secondNode;

    @AfterEach
    void stopSecondNode() throws InterruptedException {
        if (secondNode != null) {
            secondNode.stop();
        }
    }

    @Test
    void concurrentTogglesOfOneUserAreAllAnsweredAndTheLastStoredEventIsTheStatus() throws Exception {
        String userId = api.createUser(admin, unique("toggled"), "pw-toggled-1");
        long seed = System.nanoTime();
        System.out.println("ConcurrentTogglesTest seed: " + seed);
        Random random = new Random(seed);
        List<Boolean> wanted = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            wanted.add(random.nextBoolean());
        }

        // a second node on the same database: the deadlines its sagas arm outlive it, for any node to run
        secondNode = ServerProcess.start("concurrent-toggles-node", TestDatabase.get(),
                ServerProcess.signsIn(ADMIN, ADMIN_PASSWORD),
                "--lifecycle.snapshot.every=5", "--spring.datasource.hikari.maximum-pool-size=4",
                "--spring.datasource.hikari.connection-timeout=3000");
        Api second = new Api(secondNode.port());
        Login adminThere = second.login(ADMIN, ADMIN_PASSWORD);

        List<Reply> replies = toggleAllAtOnce(wanted, i -> i % 2 == 0
                ? api.setActiveStatus(admin, userId, wanted.get(i))
                : second.setActiveStatus(adminThere, userId, wanted.get(i)));

        for (Reply reply : replies) {
            assertThat(reply.status()).as("answer %s", reply.raw()).isLessThan(500);
            if (reply.status() != 200) {
                ErrorBodies.assertContractShaped("a refused toggle", reply.raw());
            }
        }
        boolean active = api.get("/api/v1/users.info?userId=" + userId, admin).body().path("user").path("active")
                .asBoolean();
        List<Boolean> stored = store.changesOf(userId);
        assertThat(stored).as("status events").isNotEmpty().hasSizeLessThanOrEqualTo(CALLS);
        assertThat(active).as("users.info against the last stored status event")
                .isEqualTo(stored.get(stored.size() - 1));
        assertThat(store.lookup().get(userId)).as("the command side's lookup").isEqualTo(active);
        assertAlternating("stored status events after creation (active)", prepend(true, stored));
        assertThat(store.count("select count(*) from snapshot_event_entry where aggregate_identifier = ?", userId))
                .as("snapshots of the user, taken while requests waited for its lock").isPositive();

        JsonNode history = api.get("/api/v1/users.statusHistory?userId=" + userId, admin).body().path("history");
        List<Boolean> audited = new ArrayList<>();
        history.forEach(entry -> audited.add(entry.path("active").asBoolean()));
        assertThat(audited).as("users.statusHistory: creation, then one entry per status event")
                .isEqualTo(prepend(true, stored));
        assertThat(history.path(0).path("cause").asText()).isEqualTo("users.create");
        history.forEach(entry -> {
            if (entry != history.path(0)) {
                assertThat(entry.path("cause").asText()).isEqualTo("users.setActiveStatus");
            }
        });
    }

    private List<Reply> toggleAllAtOnce(List<Boolean> wanted, IntFunction<Reply> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Reply>> calls = new ArrayList<>();
            for (int i = 0; i < wanted.size(); i++) {
                int index = i;
                calls.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> pending : calls) {
                replies.add(pending.get(60, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertAlternating(String what, List<Boolean> statuses) {
        for (int i = 1; i < statuses.size(); i++) {
            assertThat(statuses.get(i)).as("%s: change %d repeats the status before it", what, i)
                    .isNotEqualTo(statuses.get(i - 1));
        }
    }

    private static List<Boolean> prepend(boolean first, List<Boolean> rest) {
        List<Boolean> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
