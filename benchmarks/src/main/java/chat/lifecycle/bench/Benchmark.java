package chat.lifecycle.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's phases, each run by benchmarks/run against a server it started: {@code load} (setActiveStatus at
 * 1, 8, 32 and 64 clients with end-to-end completion and processor backlogs), {@code history} (command latency at
 * short and long aggregate histories), {@code replay} (rebuilding every read model on a query-side node),
 * {@code baseline} (pgbench running what one deactivation must make durable) and {@code report}.
 *
 * <p>Settings come from the environment: BENCH_BASE (the server), BENCH_QUERY_BASE (a query-side node),
 * BENCH_JDBC_URL, BENCH_DB_USER, BENCH_DB_PASSWORD, BENCH_ADMIN, BENCH_ADMIN_PASSWORD, BENCH_RESULTS (a folder),
 * BENCH_LEVELS, BENCH_WARMUP, BENCH_FLOOR_SECONDS, BENCH_BASELINE_SECONDS.
 */
public final class Benchmark {

    /**
     * clients:subjects per level; BENCH_LEVELS overrides it (a quick run: 1:10,8:40). Each subject makes two requests
     * and one completion: a p99 of 3,000 is the 30th worst, steadier between runs than the 10th of 1,000.
     */
    private static final String LEVELS = "1:300,8:800,32:3000,64:4000";
    /** The clients of pgbench, of the read floor and of the level whose throughput is compared with them. */
    private static final int COMPARED_AT = 32;

    private final Results results;

    private Benchmark() throws Exception {
        results = new Results(Path.of(setting("BENCH_RESULTS", "benchmarks/target/results")));
    }

    public static void main(String[] args) throws Exception {
        Benchmark benchmark = new Benchmark();
        switch (args.length == 0 ? "" : args[0]) {
            case "load" -> benchmark.load();
            case "history" -> benchmark.history();
            case "replay" -> benchmark.replay();
            case "baseline" -> benchmark.baseline();
            case "peer" -> new PeerPhase(benchmark.results).run();
            case "report" -> benchmark.results.print();
            default -> {
                System.err.println("usage: Benchmark load|history|replay|baseline|peer|report (see benchmarks/run)");
                System.exit(2);
            }
        }
    }

    private void load() throws Exception {
        Http http = new Http(setting("BENCH_BASE", "http://127.0.0.1:3100"));
        Http.Login admin = http.login(setting("BENCH_ADMIN", "admin"), setting("BENCH_ADMIN_PASSWORD", "bench-admin-1"));
        Seeder seeder = new Seeder(http, admin);
        StatusLoad load = new StatusLoad(Deactivations.setActiveStatus(http, admin));

        List<int[]> levels = levels(setting("BENCH_LEVELS", LEVELS));
        // at the most clients of any level, so the threads and connections of every level exist and their code is
        // compiled before any figure is taken
        int warmUpClients = levels.stream().mapToInt(level -> level[0]).max().orElse(8);
        System.out.printf("warming up at %d clients, not reported%n", warmUpClients);
        runLevel(load, warmUpClients, seeded(seeder, Integer.parseInt(setting("BENCH_WARMUP", "1000"))));

        results.line("### setActiveStatus (each subject: login token, OAuth tokens, an owned channel)");
        results.line("");
        results.line("| clients | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | non-200 "
                + "| completion p50 ms | completion p99 ms | not completed | backlog after |");
        results.line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (int[] level : levels) {
            List<Subject> subjects = seeded(seeder, level[1]);
            System.out.printf("level %d clients: %d subjects seeded%n", level[0], subjects.size());
            Level measured = runLevel(load, level[0], subjects);
            StatusLoad.Result r = measured.result();
            results.line("| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %.1f | %.1f | %d | %s |",
                    r.clients(), r.requests(), r.throughput(), r.latencies().percentile(50),
                    r.latencies().percentile(95), r.latencies().percentile(99), r.latencies().max(), r.failures(),
                    measured.completion().percentile(50), measured.completion().percentile(99),
                    measured.incomplete(), backlog());
            results.put("throughput." + r.clients(), r.throughput());
        }
        results.line("");
        readFloor(new ReadFloor(http, admin));
        results.put("history.short", seeder.plainUser("history-short"));
        results.put("history.long", seeder.plainUser("history-long"));
    }

    /** GET /api/v1/me by {@link #COMPARED_AT} clients, after an unreported run as long, so its code is compiled. */
    private void readFloor(ReadFloor floor) throws Exception {
        Duration length = Duration.ofSeconds(Long.parseLong(setting("BENCH_FLOOR_SECONDS", "10")));
        floor.run(COMPARED_AT, length);
        StatusLoad.Result r = floor.run(COMPARED_AT, length);
        results.line("### An authenticated read (GET /api/v1/me): the floor of any request");
        results.line("");
        results.line("| clients | requests | req/s | p50 ms | p99 ms | max ms | non-200 |");
        results.line("|---:|---:|---:|---:|---:|---:|---:|");
        results.line("| %d | %d | %.1f | %.1f | %.1f | %.1f | %d |", r.clients(), r.requests(), r.throughput(),
                r.latencies().percentile(50), r.latencies().percentile(99), r.latencies().max(), r.failures());
        results.line("");
        results.put("floor." + COMPARED_AT, r.throughput());
    }

    /** Subjects seeded, then the database vacuumed and analyzed ({@link #vacuumed}). */
    private List<Subject> seeded(Seeder seeder, int count) throws Exception {
        return vacuumed(seeder.subjects(count), jdbcUrl());
    }

    /**
     * The database vacuumed and analyzed after seeding, as autovacuum would have done after so many writes: a table
     * the planner has no statistics for is scanned whole where its index would do (benchmark machines may run
     * PostgreSQL with autovacuum off).
     */
    static List<Subject> vacuumed(List<Subject> seeded, String jdbcUrl) throws SQLException {
        try (Connection db = connect(jdbcUrl); Statement sql = db.createStatement()) {
            sql.execute("vacuum analyze");
        }
        return seeded;
    }

    private record Level(StatusLoad.Result result, Latencies completion, int incomplete) {
    }

    private Level runLevel(StatusLoad load, int clients, List<Subject> subjects) throws Exception {
        try (Completion completion = new Completion(jdbcUrl(), dbUser(), dbPassword())) {
            StatusLoad.Result result = load.run(clients, subjects, completion);
            Latencies done = completion.drain(60_000);
            load.restore();
            return new Level(result, done, completion.incomplete());
        }
    }

    /** Per processor: events in the store beyond its slowest segment's token. */
    private String backlog() throws SQLException {
        try (Connection db = connect()) {
            StringJoiner backlog = new StringJoiner(", ");
            backlogs(db).forEach((processor, events) -> backlog.add(processor + " " + events));
            return backlog.toString();
        }
    }

    /** Events in the store beyond each processor's slowest segment's token, by processor. */
    private static Map<String, Long> backlogs(Connection db) throws SQLException {
        Map<String, Long> backlogs = new TreeMap<>();
        try (Statement query = db.createStatement();
             ResultSet rows = query.executeQuery("select t.processor_name, (select max(global_index) from "
                     + "domain_event_entry) - min((convert_from(t.token, 'UTF8')::json ->> 'index')::bigint) "
                     + "from token_entry t group by t.processor_name")) {
            while (rows.next()) {
                backlogs.put(rows.getString(1), rows.getLong(2));
            }
        }
        return backlogs;
    }

    /**
     * Waits (up to a minute) until every event processor of the server on that database has read to the end of the
     * store, so a run after a seeding is not charged with the seeding's events; a database without an event store
     * (Keycloak's) is at once.
     */
    static void caughtUp(String jdbcUrl) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        try (Connection db = connect(jdbcUrl); Statement query = db.createStatement();
             ResultSet store = query.executeQuery("select to_regclass('token_entry') is not null")) {
            if (!store.next() || !store.getBoolean(1)) {
                return;
            }
            Map<String, Long> behind = backlogs(db);
            while (behind.values().stream().anyMatch(events -> events > 0)) {
                if (System.nanoTime() > deadline) {
                    System.out.printf("processors still behind after a minute: %s%n", behind);
                    return;
                }
                Thread.sleep(50);
                behind = backlogs(db);
            }
        }
    }

    private void history() throws Exception {
        Http http = new Http(setting("BENCH_BASE", "http://127.0.0.1:3100"));
        Http.Login admin = http.login(setting("BENCH_ADMIN", "admin"), setting("BENCH_ADMIN_PASSWORD", "bench-admin-1"));
        results.line("### Command latency by aggregate history (sequential setActiveStatus toggles)");
        results.line("");
        results.line("| events in history | first call ms | p50 ms | p99 ms | toggles |");
        results.line("|---:|---:|---:|---:|---:|");
        double shortP50 = 0;
        for (String key : List.of("history.short", "history.long")) {
            String userId = results.get(key);
            long events = eventsOf(userId);
            Latencies toggles = new Latencies();
            double first = Double.NaN;
            for (int i = 0; i < 201; i++) {
                String body = Http.object("userId", userId, "activeStatus", i % 2 == 1);
                long sent = System.nanoTime();
                Http.expect(http.post("/api/v1/users.setActiveStatus", body, admin), 200, "toggle");
                long took = System.nanoTime() - sent;
                if (i == 0) {
                    first = took / 1e6;
                } else {
                    toggles.add(took);
                }
            }
            results.line("| %d | %.1f | %.1f | %.1f | %d |", events, first, toggles.percentile(50),
                    toggles.percentile(99), toggles.count());
            if (key.equals("history.short")) {
                shortP50 = toggles.percentile(50);
            } else {
                results.line("");
                results.line("p50 at the long history is %.2fx the short one.", toggles.percentile(50) / shortP50);
                results.line("");
            }
        }
    }

    private void replay() throws Exception {
        Http http = new Http(setting("BENCH_QUERY_BASE", "http://127.0.0.1:3101"));
        String[] operator = {"X-Lifecycle-User-Id", "bench-operator", "X-Lifecycle-Permissions", "run-replay"};
        Http.expect(http.post("/api/v1/admin.replay", "{}", null, operator), 200, "admin.replay");
        Http.Reply progress;
        do {
            Thread.sleep(2000);
            progress = http.get("/api/v1/admin.replay", null, operator);
            System.out.printf("replay: %s events of %s, %s events/s%n", progress.text("replay.eventsDone"),
                    progress.text("replay.eventsTotal"), progress.text("replay.eventsPerSecond"));
        } while ("running".equals(progress.text("replay.state")));
        if (!"done".equals(progress.text("replay.state"))) {
            throw new IllegalStateException("replay ended " + progress.raw().body());
        }
        results.line("### Replay of every read model (user-view, status-history, room-view) on a query-side node");
        results.line("");
        results.line("| events | events/s | started | finished |");
        results.line("|---:|---:|---|---|");
        results.line("| %s | %.0f | %s | %s |", progress.text("replay.eventsDone"),
                progress.body().path("replay").path("eventsPerSecond").asDouble(), progress.text("replay.startedAt"),
                progress.text("replay.finishedAt"));
        results.line("");
    }

    /**
     * pgbench on a copy of the event table: read one aggregate's events, append one event, commit; 32 clients, as
     * the load's 32-client level. The app's request does that and much more (authentication, lookups, read models
     * in the same transaction), so the ratio says what the rest costs.
     *
     * <p>The highest ratio reachable bounds it from the measurements alone: a setActiveStatus costs the machine at
     * least an authenticated request (the read floor, 1/floor seconds of the saturated machine per call) plus the
     * durable work pgbench does (1/tps), so no server behind this HTTP stack can exceed floor / (floor + tps).
     */
    private void baseline() throws Exception {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("drop table if exists bench_event");
            sql.execute("drop sequence if exists bench_event_seq");
            sql.execute("create table bench_event (like domain_event_entry including all)");
            sql.execute("create sequence bench_event_seq");
            sql.execute("insert into bench_event (global_index, aggregate_identifier, sequence_number, type, "
                    + "event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp) "
                    + "select nextval('bench_event_seq'), 'agg-' || (g % 10000), g / 10000, 'User', md5(g::text), "
                    + "'chat.lifecycle.events.user.UserActivated', '1', convert_to('{\"userId\":\"agg-' || "
                    + "(g % 10000) || '\"}', 'UTF8'), convert_to('{\"correlationId\":\"' || md5(g::text) || '\"}', "
                    + "'UTF8'), now()::text from generate_series(1, 100000) g");
            sql.execute("analyze bench_event");
        }
        Path script = Files.createTempFile("deactivation", ".sql");
        Files.writeString(script, """
                \\set n random(0, 9999)
                BEGIN;
                SELECT sequence_number, payload, meta_data FROM bench_event WHERE aggregate_identifier = 'agg-' || :n ORDER BY sequence_number;
                INSERT INTO bench_event (global_index, aggregate_identifier, sequence_number, type, event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp) VALUES (nextval('bench_event_seq'), 'agg-' || :n, 1000000 + nextval('bench_event_seq'), 'User', md5(random()::text || clock_timestamp()::text), 'chat.lifecycle.events.user.UserDeactivated', '2', convert_to(json_build_object('userId', 'agg-' || :n, 'handOverRooms', true)::text, 'UTF8'), convert_to(json_build_object('correlationId', md5(random()::text))::text, 'UTF8'), now()::text);
                COMMIT;
                """);
        Matcher database = Pattern.compile("jdbc:postgresql://([^:/]+):?(\\d*)/([^?]+)").matcher(jdbcUrl());
        if (!database.find()) {
            throw new IllegalStateException("cannot read host and database from " + jdbcUrl());
        }
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared",
                "-c", String.valueOf(COMPARED_AT), "-j", "2",
                "-T", setting("BENCH_BASELINE_SECONDS", "20"), "-f", script.toString(), "-h", database.group(1),
                "-U", dbUser()));
        if (!database.group(2).isEmpty()) {
            command.addAll(List.of("-p", database.group(2)));
        }
        command.add(database.group(3));
        ProcessBuilder pgbench = new ProcessBuilder(command).redirectErrorStream(true);
        pgbench.environment().put("PGPASSWORD", dbPassword());
        Process run = pgbench.start();
        String output = new String(run.getInputStream().readAllBytes());
        if (run.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        double tps = number(output, "tps = ([0-9.]+)");
        double latency = number(output, "latency average = ([0-9.]+) ms");
        double app = Double.parseDouble(results.get("throughput." + COMPARED_AT)); // a level of BENCH_LEVELS
        double floor = Double.parseDouble(results.get("floor." + COMPARED_AT));
        results.line("### Baseline: pgbench, the SQL one deactivation must make durable, %d clients, same database",
                COMPARED_AT);
        results.line("");
        results.line("| pgbench tx/s | pgbench mean latency ms | app setActiveStatus req/s | ratio "
                + "| authenticated read req/s | highest ratio reachable |");
        results.line("|---:|---:|---:|---:|---:|---:|");
        results.line("| %.0f | %.2f | %.1f | %.3f | %.1f | %.3f |", tps, latency, app, app / tps, floor,
                floor / (floor + tps));
        results.line("");
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("drop table bench_event");
            sql.execute("drop sequence bench_event_seq");
        }
    }

    private static double number(String output, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in pgbench's output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private long eventsOf(String aggregate) throws SQLException {
        try (Connection db = connect();
             PreparedStatement count = db.prepareStatement(
                     "select count(*) from domain_event_entry where aggregate_identifier = ?")) {
            count.setString(1, aggregate);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return connect(jdbcUrl());
    }

    /** A connection to a database of the benchmark's PostgreSQL, as BENCH_DB_USER. */
    static Connection connect(String jdbcUrl) throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser(), dbPassword());
    }

    static String jdbcUrl() {
        return setting("BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/lifecycle_bench");
    }

    static String dbUser() {
        return setting("BENCH_DB_USER", "postgres");
    }

    static String dbPassword() {
        return setting("BENCH_DB_PASSWORD", "");
    }

    /** clients:subjects pairs, comma-separated. */
    static List<int[]> levels(String levels) {
        return Arrays.stream(levels.split(","))
                .map(level -> Arrays.stream(level.trim().split(":")).mapToInt(Integer::parseInt).toArray())
                .toList();
    }

    static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
