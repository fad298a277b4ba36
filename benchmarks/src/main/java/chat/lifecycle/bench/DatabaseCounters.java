package chat.lifecycle.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PostgreSQL's cumulative counters for one database, read through a connection to it: transactions and rows from
 * pg_stat_database, per table rows written and scans from pg_stat_user_tables, and, where PostgreSQL loads
 * pg_stat_statements (shared_preload_libraries), the calls of each statement. Backends publish the first two at most
 * once a second, and idle ones within {@link #FLUSH_MILLIS}: readings taken that long after the work are complete.
 */
final class DatabaseCounters {

    static final long FLUSH_MILLIS = 11_000;

    /**
     * Counts by name: the database's ({@code xact_commit}, ...), each table's ({@code table.n_tup_ins}, ...) and each
     * statement's calls ({@link #STATEMENT} and its text).
     */
    record Reading(Map<String, Long> counts) {
        long delta(Reading before, String name) {
            return counts.getOrDefault(name, 0L) - before.counts().getOrDefault(name, 0L);
        }
    }

    static final String[] DATABASE = {"xact_commit", "xact_rollback", "tup_returned", "tup_fetched", "tup_inserted",
            "tup_updated", "tup_deleted"};
    static final String[] TABLE = {"n_tup_ins", "n_tup_upd", "n_tup_hot_upd", "n_tup_del", "idx_scan", "seq_scan"};

    static final String STATEMENT = "statement: ";

    /** The WAL written by the database's statements, in bytes (pg_stat_statements' {@code wal_bytes}). */
    static final String WAL_BYTES = "wal_bytes";

    private final Connection connection;
    private final boolean statements;

    DatabaseCounters(Connection connection) {
        this.connection = connection;
        this.statements = statementsCounted(connection);
    }

    private static boolean statementsCounted(Connection connection) {
        try (Statement sql = connection.createStatement()) {
            sql.execute("create extension if not exists pg_stat_statements");
            sql.executeQuery("select 1 from pg_stat_statements limit 1").close();
            return true;
        } catch (SQLException notLoaded) {
            return false;
        }
    }

    Reading read() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement sql = connection.createStatement()) {
            sql.execute("select pg_stat_clear_snapshot()");
            try (ResultSet row = sql.executeQuery("select " + String.join(", ", DATABASE)
                    + " from pg_stat_database where datname = current_database()")) {
                row.next();
                for (String column : DATABASE) {
                    counts.put(column, row.getLong(column));
                }
            }
            try (ResultSet rows = sql.executeQuery("select relname, " + String.join(", ", TABLE)
                    + " from pg_stat_user_tables order by relname")) {
                while (rows.next()) {
                    for (String column : TABLE) {
                        counts.put(rows.getString("relname") + "." + column, rows.getLong(column));
                    }
                }
            }
            if (statements) {
                // the same text under several query ids (one per user, or planned apart) counted as one statement
                try (ResultSet rows = sql.executeQuery("select query, sum(calls), sum(wal_bytes)"
                        + " from pg_stat_statements"
                        + " where dbid = (select oid from pg_database where datname = current_database())"
                        + " and query not like '%pg_stat%' group by query")) {
                    while (rows.next()) {
                        counts.merge(STATEMENT + rows.getString(1), rows.getLong(2), Long::sum);
                        counts.merge(WAL_BYTES, rows.getLong(3), Long::sum);
                    }
                }
            }
        }
        return new Reading(counts);
    }
}
