package chat.lifecycle.platform.ops;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * A request whose body is read through {@link LimitedBody}, however it is read: as a stream, as a reader, or as
 * the parameters of a form. Tomcat parses a form from its own buffer, past any bound of a filter's; here the form is
 * read through the bounds and parsed as Tomcat would (pairs it cannot decode are dropped), after the query string's
 * parameters.
 */
final class LimitedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private final Duration timeout;
    private ServletInputStream body;
    private Map<String, String[]> form;

    LimitedRequest(HttpServletRequest request, long limit, Duration timeout) {
        super(request);
        this.limit = limit;
        this.timeout = timeout;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            body = new LimitedBody(super.getInputStream(), limit, timeout);
        }
        return body;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters().get(name);
    }

    private Map<String, String[]> parameters() {
        if (!isForm()) {
            return super.getParameterMap();
        }
        if (form == null) {
            byte[] raw;
            try {
                raw = getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // the body has been read as a stream, so Tomcat's parameters are the query string's alone
            Map<String, List<String>> all = new LinkedHashMap<>();
            super.getParameterMap().forEach((name, values) -> all.computeIfAbsent(name, n -> new ArrayList<>())
                    .addAll(List.of(values)));
            Charset charset = charset();
            for (String pair : new String(raw, charset).split("&")) {
                int equals = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
                    String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
                    if (!name.isEmpty()) {
                        all.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                    }
                } catch (IllegalArgumentException malformed) {
                    // dropped, as Tomcat drops it
                }
            }
            Map<String, String[]> parsed = new LinkedHashMap<>();
            all.forEach((name, values) -> parsed.put(name, values.toArray(String[]::new)));
            form = Collections.unmodifiableMap(parsed);
        }
        return form;
    }

    /** Tomcat parses a form posted with POST only (its {@code parseBodyMethods}). */
    private boolean isForm() {
        String type = getContentType();
        return "POST".equals(getMethod()) && type != null
                && type.regionMatches(true, 0, MediaType.APPLICATION_FORM_URLENCODED_VALUE, 0,
                MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
    }

    private Charset charset() {
        String encoding = getCharacterEncoding();
        return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    }
}
