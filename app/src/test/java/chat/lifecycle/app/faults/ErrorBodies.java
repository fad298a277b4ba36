package chat.lifecycle.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/** What every refusal must look like: a JSON object in Rocket.Chat's error shape, with none of the server's insides. */
final class ErrorBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Text that only a leaked stack trace or exception message would put in a body. */
    private static final List<String> LEAKS = List.of("Exception", "at chat.", "at org.", "at java.", "\tat ",
            "SQLState", "PSQL", "org.hibernate", "org.axonframework");

    private ErrorBodies() {
    }

    /** {@code {"success":false,"error":"..."}}, with whatever else the contract adds. */
    static void assertContractShaped(String what, String raw) {
        JsonNode body = parse(what, raw);
        assertThat(body.path("success").isBoolean() && !body.path("success").booleanValue())
                .as("%s: success is false in %s", what, raw).isTrue();
        assertThat(body.path("error").isTextual()).as("%s: an error string in %s", what, raw).isTrue();
        assertNoLeak(what, raw);
    }

    /** A JSON object with an {@code error} string: also the login refusal's and RFC 6749's shapes. */
    static void assertErrorObject(String what, String raw) {
        JsonNode body = parse(what, raw);
        assertThat(body.path("error").isTextual()).as("%s: an error string in %s", what, raw).isTrue();
        assertNoLeak(what, raw);
    }

    static void assertNoLeak(String what, String raw) {
        for (String leak : LEAKS) {
            assertThat(raw).as("%s: no server internals in the body", what).doesNotContain(leak);
        }
    }

    private static JsonNode parse(String what, String raw) {
        try {
            JsonNode body = JSON.readTree(raw);
            assertThat(body != null && body.isObject()).as("%s: a JSON object, not %s", what, raw).isTrue();
            return body;
        } catch (IOException notJson) {
            throw new AssertionError(what + ": the body is not JSON: " + abbreviate(raw), notJson);
        }
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
