package chat.lifecycle.app.faults;

import chat.lifecycle.app.faults.Population.Member;
import chat.lifecycle.app.support.Api.Login;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Client threads that keep toggling the members' status (each thread its own members, so no two race on one
 * user) while another reads them with {@code users.info}, recording every answer until closed. The client waits
 * long (90 s) for answers: a request the server holds on to while its database is away is still answered.
 */
final class ToggleLoad implements AutoCloseable {

    /** An answer, or none ({@code status} -1, the exception in {@code body}). */
    record Answer(String request, long atNanos, int status, String body) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Login root;
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLongArray lastSuccess;
    private final ExecutorService threads;

    private ToggleLoad(int port, Login root, int togglers) {
        this.base = "http://127.0.0.1:" + port;
        this.root = root;
        this.lastSuccess = new AtomicLongArray(togglers);
        this.threads = Executors.newFixedThreadPool(togglers + 1);
    }

    static ToggleLoad start(int port, Login root, List<Member> members, int togglers) {
        ToggleLoad load = new ToggleLoad(port, root, togglers);
        for (int t = 0; t < togglers; t++) {
            int thread = t;
            List<Member> own = new ArrayList<>();
            for (int i = thread; i < members.size(); i += togglers) {
                own.add(members.get(i));
            }
            load.threads.execute(() -> load.toggle(thread, own));
        }
        load.threads.execute(() -> load.read(members));
        return load;
    }

    List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    /** Whether every toggling thread has had a toggle accepted since then. */
    boolean everyTogglerSucceededSince(long nanos) {
        for (int t = 0; t < lastSuccess.length(); t++) {
            if (lastSuccess.get(t) < nanos) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(120, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }

    private void toggle(int thread, List<Member> own) {
        boolean active = true;
        while (running.get()) {
            active = !active;
            for (Member member : own) {
                String body = "{\"userId\":\"" + member.id() + "\",\"activeStatus\":" + active + "}";
                Answer answer = send("setActiveStatus " + member.username() + " " + active, HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/users.setActiveStatus"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
                if (answer.status() == 200) {
                    lastSuccess.set(thread, answer.atNanos());
                }
            }
        }
    }

    private void read(List<Member> members) {
        for (int i = 0; running.get(); i++) {
            Member member = members.get(i % members.size());
            send("users.info " + member.username(), HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/users.info?userId=" + member.id())).GET());
        }
    }

    private Answer send(String what, HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(90)).header("X-User-Id", root.userId()).header("X-Auth-Token", root.token());
        Answer answer;
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            answer = new Answer(what, System.nanoTime(), response.statusCode(), response.body());
        } catch (IOException e) {
            answer = new Answer(what, System.nanoTime(), -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(what, System.nanoTime(), -1, "interrupted");
        }
        answers.add(answer);
        return answer;
    }
}
