package chat.lifecycle.app.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The split deployment without containers: two command-side nodes and the query side as three JVMs (the same code
 * in two roles) and Debian's nginx in front, sending the command side's routes to either node in turn, with the very
 * config file docker-compose uses (deploy/lifecycle.conf.template), on a database of the test's choosing. Stopped
 * when the JVM exits.
 */
public final class SplitTopology {

    private static final FileAttribute<Set<PosixFilePermission>> OPEN =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx"));

    private final List<ServerProcess> commandNodes;
    private final ServerProcess query;
    private final Process nginx;
    private final int port;

    private SplitTopology(List<ServerProcess> commandNodes, ServerProcess query, Process nginx, int port) {
        this.commandNodes = commandNodes;
        this.query = query;
        this.nginx = nginx;
        this.port = port;
    }

    /**
     * Starts both command nodes (the first bootstraps the given admin), the query side and the proxy; answers once
     * all four do.
     */
    public static SplitTopology start(TestDatabase database, String admin, String password) throws IOException {
        Predicate<Api> adminSignsIn = ServerProcess.signsIn(admin, password);
        ServerProcess first = ServerProcess.start("split-command", database, adminSignsIn,
                "--role=command", "--ADMIN_USERNAME=" + admin, "--ADMIN_PASS=" + password);
        ServerProcess second = ServerProcess.start("split-command-2", database, adminSignsIn, "--role=command");
        ServerProcess query = ServerProcess.start("split-query", database,
                client -> client.get("/api/v1/me", null).status() == 401, "--role=query",
                "--lifecycle.replay.write-every=" + IntegrationTest.REPLAY_WRITE_EVERY);
        int port = ServerProcess.freePort();
        Process nginx = startNginx(port, first.port(), second.port(), query.port());
        SplitTopology topology = new SplitTopology(List.of(first, second), query, nginx, port);
        Runtime.getRuntime().addShutdownHook(new Thread(topology::stop));
        Api api = new Api(port);
        await("nginx answering").atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                return api.get("/api/v1/me", null).status() == 401;
            } catch (AssertionError notYet) {
                return false;
            }
        });
        return topology;
    }

    /** The proxy's port: the one entry of the topology. */
    public int port() {
        return port;
    }

    /** The query side's own port, behind the proxy. */
    public int queryPort() {
        return query.port();
    }

    public void stop() {
        nginx.destroy();
        try {
            nginx.waitFor();
            query.kill();
            for (ServerProcess command : commandNodes) {
                command.kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** nginx in the foreground with the deployment's config rendered for these ports; its files in a temp dir. */
    private static Process startNginx(int port, int commandPort, int secondCommandPort, int queryPort)
            throws IOException {
        // Open to every user: run as root, nginx's workers run as nobody, and write request bodies that outgrow
        // their buffer (a chunked one of exactly 1 MiB, say) to the temp directories below.
        Path dir = Files.createTempDirectory("lifecycle-nginx", OPEN);
        String site = Files.readString(Path.of("../deploy/lifecycle.conf.template"))
                .replace("${LISTEN_PORT}", "127.0.0.1:" + port)
                .replace("${COMMAND_UPSTREAM_1}", "127.0.0.1:" + commandPort)
                .replace("${COMMAND_UPSTREAM_2}", "127.0.0.1:" + secondCommandPort)
                .replace("${QUERY_UPSTREAM}", "127.0.0.1:" + queryPort);
        Files.writeString(dir.resolve("lifecycle.conf"), site);
        for (String temp : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Files.setPosixFilePermissions(Files.createDirectories(dir.resolve(temp)), OPEN.value());
        }
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                master_process on;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/lifecycle.conf;
                }
                """.formatted(dir));
        String binary = new File("/usr/sbin/nginx").canExecute() ? "/usr/sbin/nginx" : "nginx";
        return new ProcessBuilder(binary, "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(new File("target/split-nginx.log")).start();
    }
}
