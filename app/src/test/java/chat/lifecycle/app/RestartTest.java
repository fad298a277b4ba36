package chat.lifecycle.app;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Events survive a restart, on the embedded default (H2 file, the quick start's database) and on PostgreSQL: users,
 * statuses, tokens and history read the same after the server comes back.
 */
class RestartTest {

    @Test
    void theEmbeddedDefaultKeepsEverythingAcrossARestart() throws Exception {
        Path data = Files.createTempDirectory("lifecycle-h2");
        survivesRestart(Map.of("spring.datasource.url", "jdbc:h2:file:" + data.resolve("lifecycle")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
    }

    /**
     * The embedded database holds password hashes and token hashes: its directory, when the server makes it, is the
     * owner's alone (0700) and so is every file of the database (0600), those an older build left readable included.
     */
    @Test
    void theEmbeddedDatabaseFilesAreTheOwnersAlone() throws Exception {
        Path data = Files.createTempDirectory("lifecycle-h2").resolve("data");
        Map<String, Object> database = Map.of("spring.datasource.url", "jdbc:h2:file:" + data.resolve("lifecycle")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        try (ConfigurableApplicationContext first = start(database)) {
            api(first).login("root", "root-pass-1");
            assertThat(mode(data)).isEqualTo("rwx------");
            assertOwnerOnly(data);
        }
        try (var files = Files.list(data)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        try (ConfigurableApplicationContext second = start(database)) {
            api(second).login("root", "root-pass-1");
            assertOwnerOnly(data);
        }
    }

    private static void assertOwnerOnly(Path directory) throws java.io.IOException {
        try (var files = Files.list(directory)) {
            List<Path> all = files.toList();
            assertThat(all).extracting(file -> file.getFileName().toString()).contains("lifecycle.mv.db");
            for (Path file : all) {
                assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
            }
        }
    }

    private static String mode(Path path) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void postgresKeepsEverythingAcrossARestart() {
        TestDatabase database = TestDatabase.get().sibling();
        survivesRestart(Map.of("spring.datasource.url", database.url(),
                "spring.datasource.username", database.user(),
                "spring.datasource.password", database.password()));
    }

    private void survivesRestart(Map<String, Object> database) {
        Login admin;
        Login bobLogin;
        String bob;
        String carol;
        String dm;
        try (ConfigurableApplicationContext first = start(database)) {
            Api api = api(first);
            admin = api.login("root", "root-pass-1");
            bob = api.createUser(admin, "bob", "pw-bob-1");
            carol = api.createUser(admin, "carol", "pw-carol-1");
            assertThat(api.post("/api/v1/login", Api.json("user", "bob", "password", "wrong"), null).status())
                    .as("a failed login, counted in login_failure").isEqualTo(401);
            bobLogin = api.login("bob", "pw-bob-1");
            dm = api.post("/api/v1/im.create", Api.json("username", "bob"), api.login("carol", "pw-carol-1"))
                    .text("room._id");
            assertThat(api.setActiveStatus(admin, carol, false).status()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext second = start(database)) {
            Api api = api(second);

            assertThat(api.get("/api/v1/me", admin).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/me", bobLogin).text("_id")).isEqualTo(bob);
            assertThat(api.get("/api/v1/users.info?userId=" + carol, admin).body().path("user").path("active")
                    .asBoolean(true)).isFalse();
            JsonNode history = api.get("/api/v1/users.statusHistory?userId=" + carol, admin).body().path("history");
            assertThat(history).hasSize(2);
            assertThat(history.get(1).path("cleanup").path("directMessages")).isEqualTo(Api.parse("[\"" + dm + "\"]"));
            assertThat(api.get("/api/v1/users.listByStatus?status=active", admin).body().path("total").asInt())
                    .isEqualTo(2);
            assertThat(api.setActiveStatus(admin, carol, true).status()).isEqualTo(200);
            assertThat(api.login("carol", "pw-carol-1").userId()).isEqualTo(carol);
        }
    }

    /** Settings go in as command-line arguments, which outrank application.yml as they do in production. */
    private static ConfigurableApplicationContext start(Map<String, Object> database) {
        Map<String, Object> settings = new java.util.HashMap<>(database);
        settings.putAll(Map.of("server.port", "0", "ADMIN_USERNAME", "root", "ADMIN_PASS", "root-pass-1"));
        return new SpringApplicationBuilder(LifecycleApplication.class)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
