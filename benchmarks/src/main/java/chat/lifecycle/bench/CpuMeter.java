package chat.lifecycle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time, from /proc, of a server process and of the PostgreSQL backends connected to its database (user plus
 * system time). PostgreSQL's shared background processes (WAL writer, checkpointer) are left out: they serve every
 * database on the machine. A backend that ends between two readings takes its time with it, so connection pools
 * that keep their connections (both servers' do) are measured whole.
 */
final class CpuMeter {

    /** Clock ticks per second of /proc's times (USER_HZ), 100 on Linux everywhere but exotic builds. */
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    record Reading(long serverTicks, Map<Long, Long> backendTicks) {
    }

    /** CPU seconds between two readings. */
    record Used(double server, double database) {
    }

    private final long serverPid;
    private final String database;
    private final Connection connection;

    CpuMeter(long serverPid, String database, Connection connection) {
        this.serverPid = serverPid;
        this.database = database;
        this.connection = connection;
    }

    Reading read() throws SQLException {
        Map<Long, Long> backends = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select pid from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long pid = rows.getLong(1);
                    backends.put(pid, ticks(pid));
                }
            }
        }
        return new Reading(ticks(serverPid), backends);
    }

    Used since(Reading before) throws SQLException {
        Reading now = read();
        long database = 0;
        for (Map.Entry<Long, Long> backend : now.backendTicks().entrySet()) {
            database += backend.getValue() - before.backendTicks().getOrDefault(backend.getKey(), 0L);
        }
        return new Used((now.serverTicks() - before.serverTicks()) / TICKS_PER_SECOND,
                database / TICKS_PER_SECOND);
    }

    /** utime + stime of a process, 0 once it is gone. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which is in parentheses and may hold spaces: state is field 3,
            // utime 14 and stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid, e);
        }
    }

    /**
     * Waits, up to {@code longest}, until the machine has been nearly idle (under a tenth of its CPU busy) for half a
     * second: what one server left running after its last run (compilation, flushing, its database's writer) would
     * otherwise run inside the other's measurement. False if it was still busy when the wait ended.
     */
    static boolean quiet(Duration longest) throws InterruptedException {
        long deadline = System.nanoTime() + longest.toNanos();
        long[] before = machineTicks();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long[] now = machineTicks();
            if ((double) (now[0] - before[0]) / Math.max(1, now[1] - before[1]) < 0.1) {
                return true;
            }
            before = now;
        }
        return false;
    }

    /** Busy and total ticks of all CPUs since boot, from /proc/stat's first line (idle and iowait are not busy). */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int field = 1; field < fields.length; field++) {
                total += Long.parseLong(fields[field]);
            }
            return new long[] {total - Long.parseLong(fields[4]) - Long.parseLong(fields[5]), total};
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String answer = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Double.parseDouble(answer) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
