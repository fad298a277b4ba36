package chat.lifecycle.platform.ops;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's answer to requests it refuses before the application sees them (a CR or NUL inside a header, a repeated
 * {@code Content-Length}, control characters in the request line), in Rocket.Chat's failure shape instead of
 * Tomcat's HTML page: {@code {"success":false,"error":"Bad Request"}}. Errors of the application itself never get
 * here; they already carry a body.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get() || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String error = known == null ? "Error" : known.getReasonPhrase();
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"success\":false,\"error\":\"" + error + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException connectionGone) {
            // nothing more to tell a client that is gone
        }
    }
}
