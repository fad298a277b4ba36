package chat.lifecycle.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose tool accepts docker-compose.yml, and the topology it describes is the one the split-topology tests
 * run without containers: two command-side nodes and the query side, PostgreSQL, RabbitMQ and nginx with
 * deploy/lifecycle.conf.template sending the command side's routes to both nodes, each with a health check, the
 * proxy waiting for all three nodes. Skipped where no compose tool is installed (.ci/run
 * installs Debian's docker-compose).
 */
class ComposeFileTest {

    private static final List<List<String>> TOOLS = List.of(List.of("docker", "compose"), List.of("docker-compose"));

    @Test
    @SuppressWarnings("unchecked")
    void theComposeToolAcceptsTheSplitTopology() throws Exception {
        List<String> tool = TOOLS.stream().filter(ComposeFileTest::works).findFirst().orElse(null);
        assumeTrue(tool != null, "no compose tool here");

        Process config = run(tool, "config");
        String rendered = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as(rendered).isZero();

        Map<String, Map<String, Object>> services =
                (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(rendered).get("services");
        assertThat(services).containsOnlyKeys("postgres", "rabbitmq", "command-side-1", "command-side-2", "query-side",
                "proxy");
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
        assertThat((Map<String, Object>) services.get("proxy").get("depends_on"))
                .containsKeys("command-side-1", "command-side-2", "query-side");
        assertThat(services.get("proxy").get("volumes").toString()).contains("deploy/lifecycle.conf.template");
        assertThat(services.get("proxy").get("environment").toString())
                .contains("COMMAND_UPSTREAM_1=command-side-1:8081", "COMMAND_UPSTREAM_2=command-side-2:8081");
        for (String node : List.of("command-side-1", "command-side-2")) {
            assertThat(services.get(node).get("command").toString()).as(node).contains("--role=command");
        }
        assertThat(services.get("query-side").get("command").toString()).contains("--role=query");
    }

    private static boolean works(List<String> tool) {
        try {
            Process version = run(tool, "version");
            version.getInputStream().readAllBytes();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException | InterruptedException absent) {
            return false;
        }
    }

    private static Process run(List<String> tool, String command) throws IOException {
        List<String> line = new java.util.ArrayList<>(tool);
        line.addAll(List.of("-f", "../docker-compose.yml", command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).directory(new File("."));
        builder.environment().put("ADMIN_PASS", "compose-check");
        return builder.start();
    }
}
