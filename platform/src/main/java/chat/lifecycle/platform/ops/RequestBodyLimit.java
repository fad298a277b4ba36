package chat.lifecycle.platform.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds request bodies to what the reverse proxy of the split deployment holds them to, so a server reached directly
 * draws the same lines:
 * <ul>
 * <li>at most 1 MiB ({@code client_max_body_size 1m}): a declared {@code Content-Length} over it is refused with 413
 * before anything else runs; a body of unknown length (chunked) fails with {@link Refused} once read past it;</li>
 * <li>sent without dawdling: a body the server has waited for longer than {@code timeout} in all fails with
 * {@link Refused} (408). A client that trickles a body a byte at a time holds a server thread while it does; without
 * this bound, a few hundred of them held every thread (the proxy reads whole bodies before it passes them on).</li>
 * </ul>
 * Every read of the body goes through these bounds, a form's too ({@link LimitedRequest}). The error handler answers
 * {@link Refused} with its status.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    public static final long LIMIT = 1024 * 1024;

    private final Duration timeout;

    public RequestBodyLimit(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > LIMIT) {
            Refused tooLarge = Refused.tooLarge();
            ContractError.write(response, tooLarge.status(), tooLarge.error());
            return;
        }
        boolean hasBody = declared > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        chain.doFilter(hasBody ? new LimitedRequest(request, LIMIT, timeout) : request, response);
    }

    /** A body refused while it was read: too large, or too slow to arrive. */
    public static final class Refused extends IOException {

        private final HttpStatus status;
        /** Rocket.Chat's failure shape carries it; the text is the proxy's status line. */
        private final String error;

        private Refused(HttpStatus status, String error, String why) {
            super(why, null);
            this.status = status;
            this.error = error;
        }

        static Refused tooLarge() {
            return new Refused(HttpStatus.PAYLOAD_TOO_LARGE, "Request Entity Too Large",
                    "request body over " + LIMIT + " bytes");
        }

        static Refused tooSlow(Duration waited) {
            return new Refused(HttpStatus.REQUEST_TIMEOUT, "Request Timeout",
                    "request body not received after waiting " + waited.toMillis() + " ms");
        }

        public int status() {
            return status.value();
        }

        public String error() {
            return error;
        }
    }
}
