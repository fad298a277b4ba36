package chat.lifecycle.platform.ops;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a 408 (a request body too slow to arrive, see {@link RequestBodyLimit}), the connection is closed without
 * reading the rest of the body. Tomcat would otherwise drain it before closing, at the client's pace, on the same
 * thread: the trickling client would keep the thread the 408 was meant to free.
 */
class UndrainedTimeouts extends ValveBase {

    UndrainedTimeouts() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (response.getStatus() == HttpServletResponse.SC_REQUEST_TIMEOUT) {
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
        }
    }
}
