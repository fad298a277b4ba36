package chat.lifecycle.platform.store;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's one {@link QueuedWritesJdbcTemplate}, in place of Spring Boot's plain one, and the transaction
 * manager that sends its queue with each commit.
 */
@Configuration(proxyBeanMethods = false)
public class JdbcConfiguration {

    @Bean
    public QueuedWritesJdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new QueuedWritesJdbcTemplate(dataSource);
    }

    @Bean
    public QueuedWritesTransactionManager transactionManager(DataSource dataSource, QueuedWritesJdbcTemplate jdbc) {
        return new QueuedWritesTransactionManager(dataSource, jdbc);
    }
}
