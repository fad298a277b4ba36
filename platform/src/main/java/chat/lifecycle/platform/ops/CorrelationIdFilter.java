package chat.lifecycle.platform.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the caller's {@code X-Correlation-Id} (or makes one), answers with it, and keeps it in the MDC while the
 * request runs, so every log line of the request shows it and {@link chat.lifecycle.command.AuditedCommands} puts it
 * on the commands sent. Registered once, ahead of Spring Security, by {@link OperationsConfiguration}: refusals carry
 * the header too.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = CorrelationId.acceptOrCreate(request.getHeader(CorrelationId.HEADER));
        String previous = MDC.get(CorrelationId.KEY);
        MDC.put(CorrelationId.KEY, id);
        response.setHeader(CorrelationId.HEADER, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (previous == null) {
                MDC.remove(CorrelationId.KEY);
            } else {
                MDC.put(CorrelationId.KEY, previous);
            }
        }
    }

    /** Error dispatches belong to the request that failed and keep its id. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
