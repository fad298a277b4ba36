package chat.lifecycle.app.feed;

import chat.lifecycle.app.LifecycleApplication;
import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The feed on the embedded default (H2), where a gap counts as settled by its age rather than by PostgreSQL's
 * locks: readers following {@code next} while writers toggle users still see every event once, in order.
 */
class EmbeddedEventFeedTest {

    @Test
    void readersFollowingNextOnH2SeeEveryEventOnceInOrder() throws Exception {
        Path data = Files.createTempDirectory("lifecycle-feed-h2");
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(LifecycleApplication.class).run(
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("lifecycle")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--server.port=0", "--ADMIN_USERNAME=root", "--ADMIN_PASS=root-pass-1")) {
            Api api = new Api(((WebServerApplicationContext) server).getWebServer().getPort());
            Login admin = api.login("root", "root-pass-1");
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                users.add(api.createUser(admin, "h2-feed-toggled-" + i, "pw-h2-feed-1"));
            }
            new FollowingReaders(api, admin, server.getBean(JdbcTemplate.class))
                    .assertNoneMissed(users, Duration.ofSeconds(6));
        }
    }
}
