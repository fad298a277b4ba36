package chat.lifecycle.platform.ops;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;

/** Rocket.Chat's failure shape, {@code {"success":false,"error":"..."}}, for answers written below Spring MVC. */
final class ContractError {

    private ContractError() {
    }

    /** {@code error} is a fixed text of the server's (an HTTP reason phrase), never the caller's input. */
    static void write(HttpServletResponse response, int status, String error) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"success\":false,\"error\":\"" + error + "\"}");
    }
}
