package chat.lifecycle.platform.ops;

import chat.lifecycle.platform.web.DatabaseUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@link DatabaseUnavailable} failures that surface below Spring MVC's error handling (request
 * authentication reads the database in a filter) with the same 503 the controllers' advice gives.
 */
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (response.isCommitted() || !DatabaseUnavailable.caused(e)) {
                throw e;
            }
            DatabaseUnavailable.logged(e);
            response.resetBuffer();
            ContractError.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, DatabaseUnavailable.ERROR);
        }
    }
}
