package chat.lifecycle.app.support;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server processes a test started, killed when it ends, pass or fail. Register it as a field with
 * {@code @RegisterExtension} and hand it every server the test starts.
 */
public final class ServerProcesses implements AfterEachCallback {

    private final List<ServerProcess> started = new ArrayList<>();

    public ServerProcess add(ServerProcess server) {
        started.add(server);
        return server;
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (ServerProcess server : started) {
            server.kill();
        }
        started.clear();
    }
}
