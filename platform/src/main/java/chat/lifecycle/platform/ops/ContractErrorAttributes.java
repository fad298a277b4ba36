package chat.lifecycle.platform.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * The body of Spring Boot's error page ({@code /error}) in Rocket.Chat's failure shape, {@code {"success":false,
 * "error":"Bad Request"}}: for failures no controller advice answers, such as requests Spring Security's firewall
 * rejects ({@code ;}, {@code //}, encoded {@code %} or line breaks in the path) or an exception thrown in a filter.
 * Boot's default (timestamp, status, path) carries no {@code success}, and echoes the path.
 */
public class ContractErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Object error = super.getErrorAttributes(request, ErrorAttributeOptions.defaults()).get("error");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error == null ? "Error" : error);
        return body;
    }
}
