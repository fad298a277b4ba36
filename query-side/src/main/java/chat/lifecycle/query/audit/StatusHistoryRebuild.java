package chat.lifecycle.query.audit;

import chat.lifecycle.query.replay.Rebuild;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The status history rebuilt: its rows written in batches, each row replacing the one of the same event. */
class StatusHistoryRebuild extends StatusChangeRules implements Rebuild {

    private final List<Row> rows = new ArrayList<>();
    private final List<Object[]> receipts = new ArrayList<>();

    @Override
    void write(Row row) {
        rows.add(row);
    }

    @Override
    void writeReceipt(Object[] values) {
        receipts.add(values);
    }

    @Override
    public void flush(JdbcTemplate jdbc) {
        Rebuild.batch(jdbc, WRITE, rows, Row::values);
        rows.clear();
        Rebuild.batch(jdbc, WRITE_RECEIPT, receipts, values -> values);
        receipts.clear();
    }

    /** No row goes but by being rewritten: every row comes from an event, and events stay. */
    @Override
    public void replace(JdbcTemplate jdbc) {
        flush(jdbc);
    }
}
