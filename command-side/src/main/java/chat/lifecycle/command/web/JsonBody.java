package chat.lifecycle.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives a controller method its request body as an {@link ObjectNode}, read the way Rocket.Chat reads it: JSON
 * whatever the content type says, and anything that is not a JSON object (empty, malformed, an array) counts as
 * {@code {}}. The raw bytes are read directly, because Spring would re-encode a form-typed body as parameters.
 */
@Configuration
public class JsonBody implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final ObjectMapper json;

    public JsonBody(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ObjectNode.class;
    }

    @Override
    public ObjectNode resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                      NativeWebRequest request, WebDataBinderFactory binders) throws IOException {
        HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
        byte[] raw = servlet.getInputStream().readAllBytes();
        if (raw.length == 0) {
            raw = alreadyParsedForm(servlet);
        }
        return parse(raw);
    }

    /** If a filter already parsed a form-typed body into parameters, the JSON is the lone parameter's name. */
    private static byte[] alreadyParsedForm(HttpServletRequest servlet) {
        Map<String, String[]> parameters = servlet.getParameterMap();
        if (parameters.size() == 1) {
            var only = parameters.entrySet().iterator().next();
            if (only.getValue().length == 1 && only.getValue()[0].isEmpty()) {
                return only.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return new byte[0];
    }

    ObjectNode parse(byte[] raw) {
        if (raw.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(raw);
            return node instanceof ObjectNode object ? object : json.createObjectNode();
        } catch (IOException notJson) {
            return json.createObjectNode();
        }
    }
}
