package chat.lifecycle.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import chat.lifecycle.app.support.TestDatabase;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import chat.lifecycle.platform.store.QueuedWritesTransactionManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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
 * writes with it.
 */
class QueuedWritesTest {

    private static SingleConnectionDataSource dataSource;
    private static QueuedWritesJdbcTemplate jdbc;
    private static TransactionTemplate transactions;

    /** Every statement the connection prepared, in order. */
    private static final List<String> prepared = new ArrayList<>();

    @BeforeAll
    static void connect() throws SQLException {
        TestDatabase database = TestDatabase.get().sibling();
        Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        dataSource = new SingleConnectionDataSource(recordingPrepared(connection), true);
        jdbc = new QueuedWritesJdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new QueuedWritesTransactionManager(dataSource, jdbc));
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
