package chat.lifecycle.bench;

import static chat.lifecycle.bench.Benchmark.setting;

import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * This server beside the peer people pick for "disable a user and end their sessions", Keycloak, both running on
 * the same PostgreSQL, each in its own database, under the same closed-loop load ({@link StatusLoad}): every subject
 * holds one live session from one password login, and is deactivated with every credential removed, then
 * reactivated at once. Each subject is deactivated once (its first touch): a new set is seeded for every run, so
 * each deactivation finds a live session and no re-login runs beside the timed requests. Per level the two servers
 * alternate in pairs, one first in odd pairs, the other first in even ones, so a drifting machine favours neither.
 * An operation is a deactivation (here one setActiveStatus; there a PUT enabled:false and a POST logout) or a
 * reactivation (setActiveStatus; PUT enabled:true).
 *
 * <p>Settings: BENCH_PEER_BASE, BENCH_PEER_JDBC_URL, BENCH_SERVER_PID, BENCH_PEER_PID, BENCH_PEER_LEVELS,
 * BENCH_PEER_PAIRS, BENCH_PEER_WARMUP (subjects), BENCH_PEER_WARMUP_ROUNDS, BENCH_PEER_CYCLES, beside the load
 * phase's BENCH_BASE, BENCH_JDBC_URL, BENCH_ADMIN and BENCH_ADMIN_PASSWORD.
 */
final class PeerPhase {

    /**
     * clients:subjects per level; each subject makes two operations. 1,000 operations or more per level, so that a
     * p99 is the tenth-slowest request or later, not the fourth.
     */
    private static final String LEVELS = "1:500,8:600,32:1500";

    /** Longest wait for a quiet machine before a run. */
    private static final Duration QUIET_WAIT = Duration.ofSeconds(30);

    /** A server under the load. */
    private record Side(String name, Deactivations deactivations, Seeding seeding, long pid, String jdbcUrl,
                        String database) {
    }

    private interface Seeding {
        List<Subject> subjects(int count) throws Exception;
    }

    private record Run(StatusLoad.Result result, CpuMeter.Used cpu) {
        double serverMillisPerOp() {
            return cpu.server() * 1000 / result.requests();
        }

        double databaseMillisPerOp() {
            return cpu.database() * 1000 / result.requests();
        }
    }

    /**
     * A pair's figures, each side's as ops/s, p50 and p99 in ms, and CPU ms per operation of the server and of
     * PostgreSQL; with the operations each side made and the non-2xx answers of each.
     */
    private record Figures(double[] ours, double[] theirs, int operations, int[] failures) {

        static Figures of(Run ours, Run theirs) {
            return new Figures(sideOf(ours), sideOf(theirs), ours.result().requests(),
                    new int[] {ours.result().failures(), theirs.result().failures()});
        }

        private static double[] sideOf(Run run) {
            StatusLoad.Result result = run.result();
            return new double[] {result.throughput(), result.latencies().percentile(50),
                    result.latencies().percentile(99), run.serverMillisPerOp(), run.databaseMillisPerOp()};
        }

        /**
         * Each figure's median over the pairs (a drifting machine moves a pair, not the middle of several); the
         * operations and refusals summed.
         */
        static Figures median(List<Figures> pairs) {
            return new Figures(median(pairs, Figures::ours), median(pairs, Figures::theirs),
                    pairs.stream().mapToInt(Figures::operations).sum(),
                    new int[] {pairs.stream().mapToInt(f -> f.failures()[0]).sum(),
                            pairs.stream().mapToInt(f -> f.failures()[1]).sum()});
        }

        private static double[] median(List<Figures> pairs, Function<Figures, double[]> side) {
            double[] medians = new double[side.apply(pairs.get(0)).length];
            for (int i = 0; i < medians.length; i++) {
                int figure = i;
                double[] sorted = pairs.stream().mapToDouble(f -> side.apply(f)[figure]).sorted().toArray();
                int middle = sorted.length / 2;
                medians[i] = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            }
            return medians;
        }
    }

    private final Results results;

    PeerPhase(Results results) {
        this.results = results;
    }

    void run() throws Exception {
        String admin = setting("BENCH_ADMIN", "admin");
        String password = setting("BENCH_ADMIN_PASSWORD", "bench-admin-1");
        Http http = new Http(setting("BENCH_BASE", "http://127.0.0.1:3100"));
        Http.Login login = http.login(admin, password);
        Seeder seeder = new Seeder(http, login);
        Keycloak keycloak = new Keycloak(new Http(setting("BENCH_PEER_BASE", "http://127.0.0.1:3180")), admin,
                password);
        String peerJdbc = setting("BENCH_PEER_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/keycloak_bench");
        Side us = new Side("this server", Deactivations.setActiveStatus(http, login), seeder::withSession,
                Long.parseLong(setting("BENCH_SERVER_PID", "0")), Benchmark.jdbcUrl(), database(Benchmark.jdbcUrl()));
        Side peer = new Side("Keycloak", keycloak, keycloak::subjects, Long.parseLong(setting("BENCH_PEER_PID", "0")),
                peerJdbc, database(peerJdbc));
        List<int[]> levels = Benchmark.levels(setting("BENCH_PEER_LEVELS", LEVELS));
        int pairs = Integer.parseInt(setting("BENCH_PEER_PAIRS", "3"));

        int warmUpClients = levels.stream().mapToInt(level -> level[0]).max().orElse(8);
        int warmUp = Integer.parseInt(setting("BENCH_PEER_WARMUP", "2000"));
        int warmUpRounds = Integer.parseInt(setting("BENCH_PEER_WARMUP_ROUNDS", "5"));
        for (Side side : List.of(us, peer)) {
            System.out.printf("peer phase: warming %s up at %d clients, %d rounds, not reported%n", side.name(),
                    warmUpClients, warmUpRounds);
            warmUp(side, warmUpClients, warmUp, warmUpRounds);
        }

        results.line("### Beside Keycloak: deactivate (every credential removed) and reactivate, same machine and "
                + "PostgreSQL");
        results.line("");
        results.line("Each subject holds one session from one password login and is deactivated once, then "
                + "reactivated at once; operations are deactivations and reactivations; ratio is this server's "
                + "figure over Keycloak's. CPU is ms per operation, of the server process and of the PostgreSQL "
                + "backends of its database.");
        results.line("");
        results.line("| clients | pair | ops | this server ops/s | p50 ms | p99 ms | Keycloak ops/s | p50 ms "
                + "| p99 ms | ratio ops/s | ratio p50 | ratio p99 | CPU here: server, PostgreSQL "
                + "| CPU Keycloak: server, PostgreSQL | non-2xx |");
        results.line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|");
        for (int[] level : levels) {
            List<Figures> measured = new ArrayList<>();
            for (int pair = 1; pair <= pairs; pair++) {
                List<Side> order = pair % 2 == 1 ? List.of(us, peer) : List.of(peer, us);
                Map<Side, Run> runs = new HashMap<>();
                for (Side side : order) {
                    runs.put(side, measure(side, level[0], level[1]));
                }
                Figures figures = Figures.of(runs.get(us), runs.get(peer));
                measured.add(figures);
                row(level[0], pair + (pair % 2 == 1 ? " (here first)" : " (Keycloak first)"), figures);
            }
            if (pairs > 1) {
                row(level[0], "median of " + pairs, Figures.median(measured));
            }
        }
        results.line("");
        counts(us, peer, Integer.parseInt(setting("BENCH_PEER_CYCLES", "100")));
    }

    /** A table row: both sides' figures, the ratios, and the refusals. */
    private void row(int clients, String pair, Figures figures) throws IOException {
        double[] a = figures.ours();
        double[] b = figures.theirs();
        results.line("| %d | %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f, %.2f "
                        + "| %.2f, %.2f | %d, %d |", clients, pair, figures.operations(), a[0], a[1], a[2], b[0], b[1],
                b[2], a[0] / b[0], a[1] / b[1], a[2] / b[2], a[3], a[4], b[3], b[4], figures.failures()[0],
                figures.failures()[1]);
    }

    /**
     * Rounds over the same subjects, so that each server's compilers finish their work before anything is measured
     * (after 4,000 operations they still took a fifth of this server's CPU: docs/performance.md) without seeding a
     * subject per operation. From the second round on a subject holds no session, so nothing but the session's
     * deletion differs from a measured operation.
     */
    private void warmUp(Side side, int clients, int subjects, int rounds) throws Exception {
        List<Subject> seeded = Benchmark.vacuumed(side.seeding().subjects(subjects), side.jdbcUrl());
        for (int round = 1; round <= rounds; round++) {
            StatusLoad.Result result = new StatusLoad(side.deactivations()).run(clients, seeded,
                    CompletionSignal.atTheReply());
            System.out.printf("peer phase: %s warming up, round %d: %.1f ops/s, %d non-2xx%n", side.name(), round,
                    result.throughput(), result.failures());
        }
    }

    /** One run over newly seeded subjects, with the CPU it took. */
    private Run measure(Side side, int clients, int subjects) throws Exception {
        List<Subject> seeded = Benchmark.vacuumed(side.seeding().subjects(subjects), side.jdbcUrl());
        Benchmark.caughtUp(side.jdbcUrl());
        if (!CpuMeter.quiet(QUIET_WAIT)) {
            System.out.printf("peer phase: the machine was still busy after %d s; measuring anyway%n",
                    QUIET_WAIT.toSeconds());
        }
        try (Connection db = Benchmark.connect(side.jdbcUrl())) {
            CpuMeter cpu = new CpuMeter(side.pid(), side.database(), db);
            CpuMeter.Reading before = cpu.read();
            StatusLoad.Result result = new StatusLoad(side.deactivations()).run(clients, seeded,
                    CompletionSignal.atTheReply());
            CpuMeter.Used used = cpu.since(before);
            System.out.printf("peer phase: %s, %d clients: %.1f ops/s, %d non-2xx%n", side.name(), clients,
                    result.throughput(), result.failures());
            return new Run(result, used);
        }
    }

    /**
     * Where a cycle's time goes in the database: {@code cycles} deactivate-and-reactivate cycles by one client on
     * each side, between two readings of PostgreSQL's counters, divided by the cycles. Everything the servers do
     * after answering (read models, event processors) is counted too: the readings wait for it. What a server does
     * idle (processors polling, claims extended) is measured over as long just before, and taken off at its rate.
     */
    private void counts(Side us, Side peer, int cycles) throws Exception {
        Map<Side, Map<String, Double>> perCycle = new HashMap<>();
        Map<Side, Map<String, Double>> idlePerSecond = new HashMap<>();
        for (Side side : List.of(us, peer)) {
            List<Subject> seeded = Benchmark.vacuumed(side.seeding().subjects(cycles), side.jdbcUrl());
            Benchmark.caughtUp(side.jdbcUrl());
            try (Connection db = Benchmark.connect(side.jdbcUrl())) {
                DatabaseCounters counters = new DatabaseCounters(db);
                Thread.sleep(DatabaseCounters.FLUSH_MILLIS);
                DatabaseCounters.Reading idleFrom = counters.read();
                long idleStarted = System.nanoTime();
                Thread.sleep(DatabaseCounters.FLUSH_MILLIS);
                DatabaseCounters.Reading before = counters.read();
                long started = System.nanoTime();
                new StatusLoad(side.deactivations()).run(1, seeded, CompletionSignal.atTheReply());
                Thread.sleep(DatabaseCounters.FLUSH_MILLIS);
                DatabaseCounters.Reading after = counters.read();
                double idleSeconds = (started - idleStarted) / 1e9;
                double seconds = (System.nanoTime() - started) / 1e9;
                Map<String, Double> idle = new HashMap<>();
                Map<String, Double> divided = new HashMap<>();
                for (String name : after.counts().keySet()) {
                    double rate = before.delta(idleFrom, name) / idleSeconds;
                    idle.put(name, rate);
                    divided.put(name, (after.delta(before, name) - rate * seconds) / cycles);
                }
                idlePerSecond.put(side, idle);
                perCycle.put(side, divided);
            }
        }
        results.line("### Per deactivate-and-reactivate cycle in PostgreSQL (%d cycles by one client; "
                + "pg_stat_database, pg_stat_user_tables; idle work taken off)", cycles);
        results.line("");
        results.line("| per cycle | this server | Keycloak | idle per second: this server | Keycloak |");
        results.line("|---|---:|---:|---:|---:|");
        for (String column : DatabaseCounters.DATABASE) {
            results.line("| %s | %.1f | %.1f | %.1f | %.1f |", column, perCycle.get(us).get(column),
                    perCycle.get(peer).get(column), idlePerSecond.get(us).get(column),
                    idlePerSecond.get(peer).get(column));
        }
        results.line("");
        for (Side side : List.of(us, peer)) {
            tables(side.name(), perCycle.get(side));
        }
        for (Side side : List.of(us, peer)) {
            statements(side.name(), perCycle.get(side));
        }
    }

    /** The statements a cycle ran (where pg_stat_statements is loaded), the most called first. */
    private void statements(String server, Map<String, Double> perCycle) throws Exception {
        List<Map.Entry<String, Double>> called = perCycle.entrySet().stream()
                .filter(count -> count.getKey().startsWith(DatabaseCounters.STATEMENT) && count.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        if (called.isEmpty()) {
            return;
        }
        results.line("%s, statements per cycle (pg_stat_statements): %.1f in all, writing %.0f bytes of WAL", server,
                called.stream().mapToDouble(Map.Entry::getValue).sum(), perCycle.get(DatabaseCounters.WAL_BYTES));
        results.line("");
        results.line("| calls | statement |");
        results.line("|---:|---|");
        for (Map.Entry<String, Double> statement : called) {
            String text = statement.getKey().substring(DatabaseCounters.STATEMENT.length())
                    .replaceAll("\\s+", " ").replace("|", "\\|");
            results.line("| %.2f | `%s` |", statement.getValue(),
                    text.length() > 160 ? text.substring(0, 160) + "..." : text);
        }
        results.line("");
    }

    /** The tables a cycle touched, the most written first. */
    private void tables(String server, Map<String, Double> perCycle) throws Exception {
        results.line("%s, by table, per cycle:", server);
        results.line("");
        results.line("| table | inserted | updated | of which heap-only | deleted | index scans | sequential scans |");
        results.line("|---|---:|---:|---:|---:|---:|---:|");
        List<String> tables = new ArrayList<>(perCycle.keySet().stream().filter(name -> name.endsWith(".n_tup_ins"))
                .map(name -> name.substring(0, name.length() - ".n_tup_ins".length())).toList());
        tables.sort(Comparator.comparingDouble((String table) -> -(perCycle.get(table + ".n_tup_ins")
                + perCycle.get(table + ".n_tup_upd") + perCycle.get(table + ".n_tup_del")))
                .thenComparingDouble(table -> -perCycle.get(table + ".idx_scan")));
        for (String table : tables) {
            double[] values = new double[DatabaseCounters.TABLE.length];
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                values[i] = perCycle.get(table + "." + DatabaseCounters.TABLE[i]);
                sum += Math.abs(values[i]);
            }
            if (sum >= 0.05) {
                results.line("| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |", table, values[0], values[1],
                        values[2], values[3], values[4], values[5]);
            }
        }
        results.line("");
    }

    private static String database(String jdbcUrl) {
        String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
