package chat.lifecycle.app.credentials;

import static chat.lifecycle.app.support.Eventually.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A deactivation is admitted while the deactivation saga is at most {@code lifecycle.deactivation.max-backlog}
 * events (50) behind the store; beyond that it waits, at most {@code lifecycle.deactivation.max-wait} (5 s). The
 * saga is held back here by a lock on its association table, which its every step reads, while more than 50 events
 * are stored.
 */
class CleanupBacklogTest extends IntegrationTest {

    private static final int CHANNELS = 40; // three events each: created, member added, owner added

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void onTheNodeThatRunsTheSaga() {
        assumeFalse(SPLIT, "the saga runs on the command node, out of this test's reach");
    }

    @Test
    void aDeactivationWaitsWhileTheCleanupIsFarBehindAndGoesAheadOnceItCatchesUp() throws Exception {
        String userId = api.createUser(admin, unique("admitted"), "pw-admitted-1");
        CompletableFuture<Reply> deactivation;
        try (Connection holder = sagaHeldBack()) {
            storeEventsBeyondTheBacklogLimit();
            deactivation = CompletableFuture.supplyAsync(() -> api.setActiveStatus(admin, userId, false));
            Thread.sleep(1000);
            assertThat(deactivation).as("answered while the cleanup is far behind").isNotDone();
            assertThat(active(userId)).as("deactivated while the cleanup is far behind").isTrue();
            holder.rollback();
        }
        // well before the longest wait (5 s from the request) has passed
        Reply reply = deactivation.get(3, TimeUnit.SECONDS);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(active(userId)).isFalse();
    }

    @Test
    void aCleanupThatStaysBehindDelaysDeactivationsButDoesNotRefuseThem() throws Exception {
        String userId = api.createUser(admin, unique("delayed"), "pw-delayed-1");
        try (Connection holder = sagaHeldBack()) {
            storeEventsBeyondTheBacklogLimit();

            Reply reply = api.setActiveStatus(admin, userId, false);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(active(userId)).isFalse();
            holder.rollback();
        }
        awaitTrue("the saga caught up and ended", () -> jdbc.queryForObject("select count(*) from "
                + "association_value_entry where association_key = 'userId' and association_value = ?",
                Integer.class, userId) == 0);
    }

    /** Every saga step first looks its sagas up in this table; the lock stops them until the transaction ends. */
    private static Connection sagaHeldBack() throws Exception {
        TestDatabase database = TestDatabase.get();
        Connection holder = DriverManager.getConnection(database.url(), database.user(), database.password());
        holder.setAutoCommit(false);
        try (Statement lock = holder.createStatement()) {
            lock.execute("lock table association_value_entry in access exclusive mode");
        }
        return holder;
    }

    private void storeEventsBeyondTheBacklogLimit() {
        for (int i = 0; i < CHANNELS; i++) {
            assertThat(api.post("/api/v1/channels.create", Api.json("name", unique("backlog")), admin).status())
                    .isEqualTo(200);
        }
    }

    private boolean active(String userId) {
        return jdbc.queryForObject("select active from user_account where id = ?", Boolean.class, userId);
    }
}
