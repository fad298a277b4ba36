package chat.lifecycle.platform.ops;

import chat.lifecycle.platform.web.Causes;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A request body read within {@link RequestBodyLimit}'s bounds: at most {@code limit} bytes, and at most
 * {@code timeout} spent waiting for them. Only the time reads block counts, so a server slow to get to the body
 * never blames the client for it.
 */
final class LimitedBody extends ServletInputStream {

    private final ServletInputStream body;
    private final long limit;
    private final long timeoutNanos;
    private long read;
    private long waitedNanos;

    LimitedBody(ServletInputStream body, long limit, Duration timeout) {
        this.body = body;
        this.limit = limit;
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public int read() throws IOException {
        long start = System.nanoTime();
        int next;
        try {
            next = body.read();
        } catch (IOException e) {
            throw timedOut(e, start);
        }
        count(next < 0 ? 0 : 1, start);
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long start = System.nanoTime();
        int count;
        try {
            count = body.read(buffer, offset, length);
        } catch (IOException e) {
            throw timedOut(e, start);
        }
        count(Math.max(count, 0), start);
        return count;
    }

    /** Tomcat's read timeout ({@code server.tomcat.connection-timeout}): a client that stopped sending, not an error. */
    private IOException timedOut(IOException failure, long start) {
        if (Causes.first(failure, SocketTimeoutException.class::isInstance).isPresent()) {
            return RequestBodyLimit.Refused.tooSlow(Duration.ofNanos(waitedNanos + System.nanoTime() - start));
        }
        return failure;
    }

    private void count(int bytes, long start) throws RequestBodyLimit.Refused {
        read += bytes;
        waitedNanos += System.nanoTime() - start;
        if (read > limit) {
            throw RequestBodyLimit.Refused.tooLarge();
        }
        if (waitedNanos > timeoutNanos && !body.isFinished()) {
            throw RequestBodyLimit.Refused.tooSlow(Duration.ofNanos(waitedNanos));
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
