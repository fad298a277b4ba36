package chat.lifecycle.command.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 1 MiB with 413, the reverse proxy's {@code client_max_body_size 1m}, so a server
 * reached directly holds the same line. A declared {@code Content-Length} over the limit is refused before anything
 * else runs; a body of unknown length (chunked) fails with {@link TooLarge} once the limit is read past, which the
 * error handler answers with the same 413.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    public static final long LIMIT = 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > LIMIT) {
            // Rocket.Chat's failure shape; the text is the proxy's status line
            ContractError.write(response, HttpStatus.PAYLOAD_TOO_LARGE.value(), "Request Entity Too Large");
            return;
        }
        chain.doFilter(declared < 0 ? new Limited(request) : request, response);
    }

    /** Reading a body past the limit. */
    public static class TooLarge extends IOException {

        TooLarge() {
            super("request body over " + LIMIT + " bytes", null);
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private ServletInputStream limited;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedStream(super.getInputStream());
            }
            return limited;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream body;
        private long read;

        LimitedStream(ServletInputStream body) {
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            int next = body.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = body.read(buffer, offset, length);
            if (count > 0) {
                count(count);
            }
            return count;
        }

        private void count(int bytes) throws TooLarge {
            read += bytes;
            if (read > LIMIT) {
                throw new TooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
