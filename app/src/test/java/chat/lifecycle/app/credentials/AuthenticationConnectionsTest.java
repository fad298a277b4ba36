package chat.lifecycle.app.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.TestDatabase;
import chat.lifecycle.command.config.CommandReadAhead;
import chat.lifecycle.command.credentials.CredentialLocks;
import chat.lifecycle.command.credentials.LiveCredentialCheck;
import chat.lifecycle.command.permission.Permissions;
import chat.lifecycle.command.permission.Permissions.Grantee;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * Authentication takes one connection at a time. A node that has not loaded the roles' permissions yet (just
 * started, or after a permission change) loads them during its first requests; a request that held its connection
 * while it waited for a second one would, with as many such requests as the pool has connections, wait until the
 * pool's timeout. On a pool of one connection that happens to the first request already.
 */
class AuthenticationConnectionsTest extends IntegrationTest {

    @Test
    void aNodeThatHasNotLoadedThePermissionsAuthenticatesOnAPoolOfOneConnection() {
        TestDatabase database = TestDatabase.get();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(1_000);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            QueuedWritesJdbcTemplate jdbc = new QueuedWritesJdbcTemplate(pool);
            Permissions fresh = new Permissions(jdbc, new LiveCredentialCheck(jdbc, new CredentialLocks(jdbc),
                    new DefaultListableBeanFactory().getBeanProvider(CommandReadAhead.class)));

            Grantee grantee = fresh.grantee(
                    "select user_id as id, username, credential_epoch from live_epoch where username = ?", ADMIN)
                    .orElseThrow();

            assertThat(grantee.username()).isEqualTo(ADMIN);
            assertThat(grantee.permissions()).contains("edit-other-user-active-status", "view-full-other-user-info");
        }
    }
}
