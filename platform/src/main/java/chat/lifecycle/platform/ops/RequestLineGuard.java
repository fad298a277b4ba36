package chat.lifecycle.platform.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads them, request lines no route can take:
 * <ul>
 * <li>a query string with a malformed percent-escape ({@code ?%zz}, a cut {@code %E0%A4%A}): 400. Tomcat drops such
 * a parameter silently while code that decodes the query itself (the {@code access_token} lookup) failed;</li>
 * <li>Spring Boot's error page asked for by name ({@code GET /error}): 404, as any route that does not exist. It is
 * only ever reached by the container's error dispatch, which this filter does not see.</li>
 * </ul>
 */
public class RequestLineGuard extends OncePerRequestFilter {

    /** A {@code %} not followed by two hex digits. */
    private static final Pattern MALFORMED_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && MALFORMED_ESCAPE.matcher(query).find()) {
            ContractError.write(response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request");
            return;
        }
        if ("/error".equals(request.getServletPath())) {
            ContractError.write(response, HttpServletResponse.SC_NOT_FOUND, "Not found");
            return;
        }
        chain.doFilter(request, response);
    }
}
