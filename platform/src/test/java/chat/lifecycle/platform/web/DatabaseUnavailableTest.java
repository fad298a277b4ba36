package chat.lifecycle.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseUnavailableTest {

    @Test
    void theDatabaseOutOfReachIsFoundAmongTheCauses() {
        // the pool's timeout, as Spring's JdbcTemplate wraps it
        assertThat(DatabaseUnavailable.caused(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("pool - Connection is not available")))).isTrue();
        // PostgreSQL refusing connections, and shutting down under a running statement (as Axon's store wraps it)
        assertThat(DatabaseUnavailable.caused(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(DatabaseUnavailable.caused(new IllegalStateException("append failed",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseUnavailable.caused(new SQLException("too many connections", "53300"))).isTrue();
        // a commit cut off by a restart, reported as the rollback that then found the connection closed (no state)
        assertThat(DatabaseUnavailable.caused(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void otherFailuresAreNotIt() {
        assertThat(DatabaseUnavailable.caused(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.caused(new TransactionSystemException("commit failed",
                new SQLException("serialization failure", "40001")))).isFalse();
        assertThat(DatabaseUnavailable.caused(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnavailable.caused(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void theAnswerIs503InTheContractsShape() {
        var answer = DatabaseUnavailable.refusal(new SQLException("Connection refused", "08001")).response();

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getBody()).containsEntry("success", false).containsEntry("error", "Service unavailable");
    }
}
