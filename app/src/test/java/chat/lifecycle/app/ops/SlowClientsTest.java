package chat.lifecycle.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import chat.lifecycle.app.support.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Clients that send a request body a byte a second hold a server thread for as long as the body takes. A few hundred
 * of them must not starve the server: the health check still answers, within the time the server gives a body
 * ({@code lifecycle.http.body-timeout}, 10 s). Behind the proxy, which reads whole bodies before it passes them on,
 * they never reach a server.
 */
class SlowClientsTest extends IntegrationTest {

    private static final int CLIENTS = 210;
    /** lifecycle.http.body-timeout, and a margin for a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(10 + 10);

    @Test
    void requestBodiesTrickledByAFewHundredClientsDoNotStarveTheServer() throws Exception {
        List<Socket> clients = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(open("/api/v1/login", "application/json", "{"));
            }
            trickle.scheduleAtFixedRate(() -> clients.forEach(SlowClientsTest::oneMoreByte), 1, 1, TimeUnit.SECONDS);
            Thread.sleep(2_000); // every trickling request has a thread by now

            long start = System.nanoTime();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/actuator/health")).timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            System.out.println("SlowClientsTest: health answered " + health.statusCode() + " after " + took.toMillis()
                    + " ms with " + CLIENTS + " clients trickling");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(took).as("time to answer the health check").isLessThan(BOUND);
        } finally {
            trickle.shutdownNow();
            for (Socket socket : clients) {
                socket.close();
            }
        }
    }

    /** A form is read through the same bounds; the connection is closed after the 408, the rest never read. */
    @Test
    void aFormTrickledToTheTokenEndpointIsGivenUp() throws Exception {
        assumeFalse(SPLIT, "the proxy reads whole bodies before it passes them on");
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try (Socket client = open("/oauth/token", "application/x-www-form-urlencoded", "grant_type=")) {
            trickle.scheduleAtFixedRate(() -> oneMoreByte(client), 1, 1, TimeUnit.SECONDS);
            client.setSoTimeout((int) BOUND.toMillis());
            long start = System.nanoTime();

            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
            assertThat(answer).startsWith("HTTP/1.1 408 ")
                    .contains("{\"success\":false,\"error\":\"Request Timeout\"}");
        } finally {
            trickle.shutdownNow();
        }
    }

    /** A POST whose head says 1,000 bytes of body follow, and the first of them. */
    private Socket open(String path, String contentType, String start) throws IOException {
        Socket socket = new Socket("127.0.0.1", api.port());
        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + contentType
                + "\r\nContent-Length: 1000\r\n\r\n" + start).getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static void oneMoreByte(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write('x');
            out.flush();
        } catch (IOException answeredOrClosed) {
            // the server gave up on this one
        }
    }
}
