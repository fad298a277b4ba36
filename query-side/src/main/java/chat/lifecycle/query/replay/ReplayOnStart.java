package chat.lifecycle.query.replay;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The command-line switch: {@code --replay=all} (or {@code --replay=user-view,room-view}) rebuilds read models once
 * the server is up; it keeps serving meanwhile and logs the progress.
 */
@Component
public class ReplayOnStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReplayOnStart.class);

    private final ReadModelReplay replay;
    private final Environment env;

    public ReplayOnStart(ReadModelReplay replay, Environment env) {
        this.replay = replay;
        this.env = env;
    }

    @Override
    public void run(ApplicationArguments args) {
        String requested = env.getProperty("replay");
        if (requested == null || requested.isBlank()) {
            return;
        }
        List<String> processors = requested.equals("all") ? List.of()
                : Arrays.stream(requested.split(",")).map(String::trim).toList();
        Replay started = replay.start(processors);
        log.info("replay of {} requested on the command line: {} events to read", started.processors(),
                started.eventsTotal());
    }
}
