package chat.lifecycle.query.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.TestDatabase;
import chat.lifecycle.query.audit.StatusHistoryProjection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A replay's catch-up and a live processor apply the same event at once: both find no row, and the live one inserts
 * first. The catch-up's insert then waits on the row's key and fails when the live one commits; the catch-up runs its
 * batch again and writes the event's values over the row.
 */
class ReplayCatchUpRaceTest extends IntegrationTest {

    @Autowired
    ReadModelReplay replay;
    @Autowired
    StatusHistoryProjection history;
    @Autowired
    EventStore store;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCatchUpThatLosesTheRaceForARowRunsAgainOverIt() throws Exception {
        String user = api.createUser(admin, unique("race"), "pw-race-1");
        TrackedEventMessage<?> created = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(0),
                store.readEvents(user).next());
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(user) == 1);
        jdbc.update("delete from user_status_change where user_id = ?", user);

        TestDatabase database = TestDatabase.get();
        try (Connection live = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            live.setAutoCommit(false);
            try (PreparedStatement insert = live.prepareStatement("""
                    insert into user_status_change (user_id, sequence_number, changed_at, active, actor_username,
                                                    confirm_relinquish, cause)
                    values (?, 0, now(), true, 'the live one', false, 'test')
                    """)) {
                insert.setString(1, user);
                insert.executeUpdate();
            }
            CompletableFuture<Void> catchUp = CompletableFuture.runAsync(() ->
                    replay.catchUp(List.of(new AnnotationEventHandlerAdapter(history)), List.of(created)));
            await("the catch-up waits on the live insert's key").atMost(Duration.ofSeconds(10)).until(() ->
                    jdbc.queryForObject("""
                            select count(*) from pg_stat_activity
                            where wait_event_type = 'Lock' and query like '%user_status_change%'""", Integer.class) > 0);
            live.commit();
            catchUp.get();
        }

        assertThat(jdbc.queryForObject("select actor_username from user_status_change where user_id = ?",
                String.class, user)).isEqualTo(ADMIN);
    }

    private int rows(String user) {
        return jdbc.queryForObject("select count(*) from user_status_change where user_id = ?", Integer.class, user);
    }
}
