package db.migration.common;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Axon's JDBC stores leave the event's global index and the saga association's id to the database, so both columns
 * get defaults from sequences stepping by one, starting after the ids already taken. Dense global indexes matter:
 * streaming processors read the store in windows of global indexes, and track every missing index as a gap. The
 * old sequences, stepping by 50 for Hibernate's id blocks, go. Java rather than SQL, because PostgreSQL and H2 set
 * a sequence's start from a query in different ways; a literal start value reads the same in both.
 */
public class V2026_11_28_01__DenseEventIndexes extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        try (Statement sql = context.getConnection().createStatement()) {
            denseDefault(sql, "domain_event_entry", "global_index", "domain_event_global_index");
            denseDefault(sql, "association_value_entry", "id", "association_value_id");
            sql.execute("drop sequence domain_event_entry_seq");
            sql.execute("drop sequence association_value_entry_seq");
        }
    }

    private static void denseDefault(Statement sql, String table, String column, String sequence)
            throws SQLException {
        long start;
        try (ResultSet max = sql.executeQuery("select coalesce(max(" + column + "), 0) + 1 from " + table)) {
            max.next();
            start = max.getLong(1);
        }
        sql.execute("create sequence " + sequence + " start with " + start);
        sql.execute("alter table " + table + " alter column " + column + " set default nextval('" + sequence + "')");
    }
}
