package chat.lifecycle.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.faults.Population.Member;
import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.ServerProcess;
import chat.lifecycle.app.support.ServerProcesses;
import chat.lifecycle.app.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of the server in the middle of a storm of deactivations from several threads, with the sagas of
 * the ones already answered still at work; then a restart on the same database. Every saga completes, every
 * credential of every deactivated user is refused and deleted, and the read models match the event store.
 */
class KillNineStormTest {

    private static final int USERS = 40;
    private static final int THREADS = 4;

    private final TestDatabase database = TestDatabase.get().sibling();
    private final StoredStatus store = new StoredStatus(database);
    @RegisterExtension
    final ServerProcesses servers = new ServerProcesses();

    @Test
    void sagasInterruptedByKillNineInAStormOfDeactivationsAllCompleteAfterRestart() throws Exception {
        ServerProcess first = start("kill-nine-storm-first");
        Api api = new Api(first.port());
        Login root = api.login(Population.ROOT, Population.ROOT_PASSWORD);
        List<Member> members = Population.create(api, root, "storm", USERS);

        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        int answered = deactivateUntilKilled(api, root, members, first, refused);
        int pendingAtKill = (int) store.count("select count(*) from saga_entry");
        System.out.println("KillNineStormTest: killed after " + answered + " of " + USERS
                + " deactivations were answered, " + pendingAtKill + " sagas open");
        assertThat(refused).as("deactivations refused before the kill").isEmpty();
        assertThat(answered).as("deactivations answered before the kill").isBetween(1, USERS - 1);

        api = new Api(start("kill-nine-storm-second").port());
        root = api.login(Population.ROOT, Population.ROOT_PASSWORD);
        for (Member member : members) {
            if (!store.changesOf(member.id()).contains(false)) {
                assertThat(api.setActiveStatus(root, member.id(), false).status())
                        .as("deactivating %s after the restart", member.username()).isEqualTo(200);
            }
        }

        Consistency.awaitSagasDone(store, Duration.ofSeconds(60));
        Consistency.assertReadModelsMatchTheStore(store);
        Consistency.assertOnlyNeverDeactivatedCredentialsWork(api, members, store);
        for (Member member : members) {
            assertThat(store.changesOf(member.id())).as("status events of %s", member.username())
                    .containsExactly(false);
            assertThat(api.post("/api/v1/login", Api.json("user", member.username(), "password",
                    "pw-" + member.username()), null).status()).isEqualTo(401);
        }
    }

    /**
     * Deactivates the members from several threads and kills the server with {@code kill -9} once half of them
     * are answered. Requests cut off by the kill get no answer; whether they committed, only the store knows.
     * Returns how many were answered.
     */
    private int deactivateUntilKilled(Api api, Login root, List<Member> members, ServerProcess server,
                                      List<String> refused) throws Exception {
        ConcurrentLinkedQueue<Member> queue = new ConcurrentLinkedQueue<>(members);
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch half = new CountDownLatch(USERS / 2);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int i = 0; i < THREADS; i++) {
                pool.execute(() -> {
                    for (Member member = queue.poll(); member != null; member = queue.poll()) {
                        Reply reply;
                        try {
                            reply = api.post("/api/v1/users.setActiveStatus", "{\"userId\":\"" + member.id()
                                    + "\",\"activeStatus\":false,\"confirmRelinquish\":true}", root);
                        } catch (AssertionError noAnswer) {
                            return; // the server is gone
                        }
                        if (reply.status() != 200) {
                            refused.add(member.username() + ": " + reply.status() + " " + reply.raw());
                        }
                        answered.incrementAndGet();
                        half.countDown();
                    }
                });
            }
            assertThat(half.await(60, TimeUnit.SECONDS)).as("half of the deactivations answered").isTrue();
            server.kill();
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            return answered.get();
        } finally {
            pool.shutdownNow();
        }
    }

    private ServerProcess start(String name) throws java.io.IOException {
        return servers.add(Population.start(name, database));
    }
}
