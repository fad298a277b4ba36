package chat.lifecycle.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.lifecycle.app.support.TestDatabase;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import chat.lifecycle.platform.store.EventStoreConfiguration;
import chat.lifecycle.platform.store.QueuedWritesTransactionManager;
import chat.lifecycle.platform.store.TunedJdbcEventStorageEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On PostgreSQL, writes queued in a transaction go before its next statement, in order, each answering its own row
 * count, and in one statement with the next query that has arguments, or with the commit; a rolled-back transaction
 * sends none, and a queued write that fails fails the statement that sends it and takes the transaction's other
 * writes with it. Axon's event appends queue alike, are seen by Axon's reads in their transaction, and a duplicate
 * among them is Axon's concurrency conflict wherever it is sent.
 */
class QueuedWritesTest {

    private static SingleConnectionDataSource dataSource;
    private static QueuedWritesJdbcTemplate jdbc;
    private static TransactionTemplate transactions;
    private static TunedJdbcEventStorageEngine events;

    /** Every statement the connection prepared, in order. */
    private static final List<String> prepared = new ArrayList<>();

    @BeforeAll
    static void connect() throws SQLException {
        TestDatabase database = TestDatabase.get().sibling();
        Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        dataSource = new SingleConnectionDataSource(recordingPrepared(connection), true);
        jdbc = new QueuedWritesJdbcTemplate(dataSource);
        QueuedWritesTransactionManager transactionManager = new QueuedWritesTransactionManager(dataSource, jdbc);
        transactions = new TransactionTemplate(transactionManager);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common").load().migrate();
        EventStoreConfiguration store = new EventStoreConfiguration();
        events = new TunedJdbcEventStorageEngine(jdbc, JdbcEventStorageEngine.builder()
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .persistenceExceptionResolver(store.duplicateKeys())
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(transactionManager))
                .schema(store.eventSchema()));
        jdbc.execute("create table counter (id int primary key, n int not null)");
        jdbc.execute("create table pointer (id int primary key,"
                + " counter_id int references counter (id) deferrable initially deferred)");
    }

    @AfterAll
    static void disconnect() {
        dataSource.destroy();
    }

    @BeforeEach
    void twoRows() {
        jdbc.update("delete from counter");
        jdbc.update("insert into counter values (1, 0), (2, 0)");
    }

    @Test
    void queuedWritesWaitForTheNextStatementWhichSeesThemInOrder() {
        List<Integer> rows = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            jdbc.updateLater("update counter set n = n + 1", new Object[0], rows::add);
            jdbc.updateLater("update counter set n = n * 10 where id = ?", new Object[] {2}, rows::add);
            jdbc.updateLater("update counter set n = 7 where id = ?", new Object[] {3}, rows::add);

            assertThat(sumReadPastTheTemplate()).as("not sent yet").isZero();
            assertThat(rows).isEmpty();
            assertThat(jdbc.queryForObject("select sum(n) from counter", Integer.class)).isEqualTo(11);
            assertThat(rows).containsExactly(2, 1, 0);
        });
    }

    @Test
    void aQueryWithArgumentsTakesTheQueuedWritesAlongInOneStatement() {
        List<Integer> rows = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            jdbc.updateLater("update counter set n = 4 where id = ?", new Object[] {1}, rows::add);
            jdbc.updateLater("update counter set n = n + ? where id = ?", new Object[] {3, 2}, rows::add);
            prepared.clear();

            assertThat(jdbc.queryForList("select n from counter where id >= ? order by id", Integer.class, 1))
                    .containsExactly(4, 3);
            assertThat(rows).containsExactly(1, 1);
            assertThat(prepared).singleElement().satisfies(sql -> assertThat(sql)
                    .contains("set n = 4", "set n = n + ?", "select n from counter"));
        });

        assertThat(jdbc.queryForList("select n from counter order by id", Integer.class)).containsExactly(4, 3);
    }

    @Test
    void aQueuedWriteThatFailsFailsTheQueryThatTookItAlong() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            jdbc.updateLater("insert into counter values (?, 0)", 1);
            jdbc.queryForObject("select n from counter where id = ?", Integer.class, 2);
        })).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void whatIsStillQueuedGoesWithTheCommitInOneStatement() {
        List<Integer> rows = new ArrayList<>();
        transactions.executeWithoutResult(tx -> {
            jdbc.updateLater("update counter set n = 5 where id = ?", new Object[] {1}, rows::add);
            jdbc.updateLater("update counter set n = 6 where id = ?", 2);
            prepared.clear();
        });

        assertThat(rows).containsExactly(1);
        assertThat(prepared).singleElement().satisfies(sql -> assertThat(sql)
                .contains("set n = 5", "set n = 6").endsWith(";\ncommit"));
        assertThat(jdbc.queryForList("select n from counter order by id", Integer.class)).containsExactly(5, 6);
    }

    @Test
    void aRollbackSendsNothing() {
        transactions.executeWithoutResult(tx -> {
            jdbc.updateLater("update counter set n = 5 where id = ?", 1);
            tx.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("select sum(n) from counter", Integer.class)).isZero();
    }

    @Test
    void aQueuedWriteThatFailsFailsTheCommitAndEverythingWithIt() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            jdbc.update("update counter set n = 1 where id = 1");
            jdbc.updateLater("update counter set n = 2 where id = ?", 2);
            jdbc.updateLater("insert into counter values (?, 0)", 1);
        })).isInstanceOf(DuplicateKeyException.class);

        assertThat(jdbc.queryForObject("select sum(n) from counter", Integer.class)).isZero();
    }

    @Test
    void aCommitThatFailsLeavesNothingWritten() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            jdbc.updateLater("update counter set n = 2 where id = ?", 2);
            jdbc.updateLater("insert into pointer values (?, ?)", 1, 99); // checked only at the commit
        })).isInstanceOf(DataIntegrityViolationException.class);

        assertThat(jdbc.queryForObject("select sum(n) from counter", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from pointer", Integer.class)).isZero();
    }

    @Test
    void outsideATransactionAWriteRunsAtOnce() {
        List<Integer> rows = new ArrayList<>();
        jdbc.updateLater("update counter set n = 3 where id = ?", new Object[] {1}, rows::add);

        assertThat(rows).containsExactly(1);
        assertThat(sumReadPastTheTemplate()).isEqualTo(3);
    }

    @Test
    void aQueuedReadGoesWithTheNextQueryAndSeesTheWritesQueuedBeforeIt() {
        transactions.executeWithoutResult(tx -> {
            jdbc.updateLater("update counter set n = 4 where id = ?", 1);
            Supplier<Integer> read = jdbc.queryLater("select n from counter where id = ?", QueuedWritesTest::single, 1);
            jdbc.updateLater("update counter set n = 9 where id = ?", 1);
            prepared.clear();

            assertThat(jdbc.queryForObject("select n from counter where id = ?", Integer.class, 1)).isEqualTo(9);
            assertThat(read.get()).isEqualTo(4);
            assertThat(prepared).singleElement().satisfies(sql -> assertThat(sql)
                    .contains("set n = 4", "select n from counter", "set n = 9"));
        });
    }

    @Test
    void aQueuedReadAskedForFirstSendsItsQueue() {
        transactions.executeWithoutResult(tx -> {
            jdbc.updateLater("update counter set n = 6 where id = ?", 2);
            Supplier<Integer> read = jdbc.queryLater("select sum(n) from counter where id >= ?",
                    QueuedWritesTest::single, 1);
            prepared.clear();

            assertThat(read.get()).isEqualTo(6);
            assertThat(read.get()).isEqualTo(6);
            assertThat(prepared).singleElement().satisfies(sql -> assertThat(sql).contains("set n = 6", "sum(n)"));
        });
    }

    @Test
    void outsideATransactionAReadRunsAtOnce() {
        jdbc.update("update counter set n = 2 where id = 1");
        prepared.clear();

        Supplier<Integer> read = jdbc.queryLater("select n from counter where id = ?", QueuedWritesTest::single, 1);

        assertThat(prepared).hasSize(1);
        jdbc.update("update counter set n = 3 where id = 1");
        assertThat(read.get()).isEqualTo(2);
    }

    @Test
    void aWriteQueuedOnceRunsOncePerTransactionEvenAfterItsQueueWasSent() {
        transactions.executeWithoutResult(tx -> {
            jdbc.updateOnceLater("update counter set n = n + 1 where id = ?", 1);
            jdbc.updateOnceLater("update counter set n = n + 1 where id = ?", 1);
            jdbc.updateOnceLater("update counter set n = n + 1 where id = ?", 2);
            assertThat(jdbc.queryForList("select n from counter order by id", Integer.class)).containsExactly(1, 1);
            jdbc.updateOnceLater("update counter set n = n + 1 where id = ?", 1);
        });
        transactions.executeWithoutResult(tx -> jdbc.updateOnceLater("update counter set n = n + 1 where id = ?", 1));

        assertThat(jdbc.queryForList("select n from counter order by id", Integer.class)).containsExactly(2, 1);
    }

    private static Integer single(ResultSet rows) throws SQLException {
        rows.next();
        return rows.getInt(1);
    }

    @Test
    void anEventAppendedGoesWithTheNextQuery() {
        transactions.executeWithoutResult(tx -> {
            prepared.clear();
            events.appendEvents(event("a", 0), event("a", 1));
            assertThat(prepared).as("nothing sent yet").isEmpty();

            assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                    Integer.class, "a")).isEqualTo(2);
            assertThat(prepared).singleElement().satisfies(sql -> assertThat(sql)
                    .contains("insert into domain_event_entry", "select count(*) from domain_event_entry"));
        });

        assertThat(storedSequence("a")).containsExactly(0L, 1L);
    }

    @Test
    void axonsReadsInTheTransactionSeeTheEventsItQueued() {
        transactions.executeWithoutResult(tx -> {
            events.appendEvents(event("b", 0));
            jdbc.updateLater("update counter set n = 9 where id = ?", 1);
            events.appendEvents(event("b", 1));

            assertThat(events.readEvents("b").asStream().map(DomainEventMessage::getSequenceNumber))
                    .containsExactly(0L, 1L);
            assertThat(events.lastSequenceNumberFor("b")).contains(1L);
            assertThat(sumReadPastTheTemplate()).as("the writes queued before went too").isEqualTo(9);
        });
    }

    @Test
    void axonsReadsSendNoQueueWithoutEventsInIt() {
        transactions.executeWithoutResult(tx -> {
            jdbc.updateLater("update counter set n = 9 where id = ?", 1);

            assertThat(events.lastSequenceNumberFor("nothing")).isEmpty();
            assertThat(sumReadPastTheTemplate()).as("still queued").isZero();
        });
    }

    @Test
    void aDuplicateEventSentWithAQueryIsAxonsConflict() {
        transactions.executeWithoutResult(tx -> events.appendEvents(event("c", 0), event("c", 1)));

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            events.appendEvents(event("c", 0));
            jdbc.queryForObject("select n from counter where id = ?", Integer.class, 1);
        })).isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            jdbc.updateLater("update counter set n = 9 where id = ?", 1);
            events.appendEvents(event("c", 1));
            jdbc.queryForObject("select n from counter where id = ?", Integer.class, 1);
        })).isInstanceOf(ConcurrencyException.class).isNotInstanceOf(AggregateStreamCreationException.class);

        assertThat(storedSequence("c")).containsExactly(0L, 1L);
        assertThat(jdbc.queryForObject("select sum(n) from counter", Integer.class)).isZero();
    }

    @Test
    void aDuplicateEventSentWithTheCommitIsAxonsConflict() {
        transactions.executeWithoutResult(tx -> events.appendEvents(event("d", 0)));

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            jdbc.updateLater("update counter set n = 9 where id = ?", 1);
            events.appendEvents(event("d", 1), event("d", 0));
        })).isInstanceOf(ConcurrencyException.class);

        assertThat(storedSequence("d")).containsExactly(0L);
        assertThat(jdbc.queryForObject("select sum(n) from counter", Integer.class)).isZero();
    }

    @Test
    void anotherWritesFailureBesideAnEventIsNoConflict() {
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            events.appendEvents(event("e", 0));
            jdbc.updateLater("insert into counter values (?, 0)", 1);
        })).isInstanceOf(DuplicateKeyException.class);

        assertThat(storedSequence("e")).isEmpty();
    }

    @Test
    void anEventOfNoAggregateIsStoredAsAxonStoresIt() {
        GenericEventMessage<String> queued = new GenericEventMessage<>("no aggregate");
        GenericEventMessage<String> atOnce = new GenericEventMessage<>("no aggregate either");
        transactions.executeWithoutResult(tx -> events.appendEvents(queued));
        events.appendEvents(atOnce);

        String row = "select aggregate_identifier || ' ' || sequence_number || ' ' || coalesce(type, 'null')"
                + " from domain_event_entry where event_identifier = ?";
        assertThat(jdbc.queryForObject(row, String.class, queued.getIdentifier()))
                .isEqualTo(queued.getIdentifier() + " 0 null");
        assertThat(jdbc.queryForObject(row, String.class, atOnce.getIdentifier()))
                .isEqualTo(atOnce.getIdentifier() + " 0 null");
    }

    @Test
    void outsideATransactionAnEventIsAppendedAtOnce() {
        events.appendEvents(event("f", 0));

        assertThat(storedSequence("f")).containsExactly(0L);
    }

    private static DomainEventMessage<String> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Thing", aggregate, sequence, "event " + sequence);
    }

    private static List<Long> storedSequence(String aggregate) {
        return jdbc.queryForList("select sequence_number from domain_event_entry where aggregate_identifier = ?"
                + " order by sequence_number", Long.class, aggregate);
    }

    private static Connection recordingPrepared(Connection connection) {
        return (Connection) Proxy.newProxyInstance(QueuedWritesTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        prepared.add((String) args[0]);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A read on the transaction's connection that does not go through the template, so sends nothing first. */
    private static int sumReadPastTheTemplate() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement statement = connection.createStatement();
             ResultSet sum = statement.executeQuery("select sum(n) from counter")) {
            sum.next();
            return sum.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
