package chat.lifecycle.query.replay;

import chat.lifecycle.platform.web.ApiException;
import chat.lifecycle.query.replay.ReadModelReplay;
import chat.lifecycle.query.replay.Replay;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin.replay {"processor": "user-view"}} rebuilds a read model from the events ("all", or no
 * processor, rebuilds every one); {@code GET /api/v1/admin.replay} shows the progress.
 */
@RestController
@RequestMapping("/api/v1")
public class ReplayController {

    static final String PERMISSION = "run-replay";

    private final ReadModelReplay replay;
    private final ObjectMapper json;

    public ReplayController(ReadModelReplay replay, ObjectMapper json) {
        this.replay = replay;
        this.json = json;
    }

    @PreAuthorize("hasAuthority('" + PERMISSION + "')")
    @PostMapping("/admin.replay")
    public Map<String, Object> start(@RequestBody(required = false) String body) {
        List<String> processors = new ArrayList<>();
        JsonNode processor = parse(body).path("processor");
        if (processor.isTextual() && !processor.textValue().equals("all")) {
            processors.add(processor.textValue());
        } else if (!processor.isMissingNode() && !processor.isTextual()) {
            throw ApiException.invalidParams(List.of("must be string"));
        }
        try {
            return Map.of("replay", replay.start(processors), "success", true);
        } catch (IllegalArgumentException unknown) {
            throw ApiException.meteor("error-invalid-processor",
                    "Unknown processor; one of " + replay.processors() + " or all", null);
        } catch (IllegalStateException busy) {
            throw ApiException.meteor("error-replay-running", "A replay is already running", null);
        }
    }

    @PreAuthorize("hasAuthority('" + PERMISSION + "')")
    @GetMapping("/admin.replay")
    public Map<String, Object> progress() {
        Replay progress = replay.progress();
        return progress == null ? Map.of("processors", replay.processors(), "success", true)
                : Map.of("replay", progress, "processors", replay.processors(), "success", true);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (Exception notJson) {
            return json.createObjectNode();
        }
    }
}
