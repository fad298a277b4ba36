package chat.lifecycle.query.replay;

import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A read model folded in memory from the events by the {@code @EventHandler} methods of {@link #rules()}, then
 * written in bulk (JDBC batches, {@link Table#load} or {@link Table#upsert}): a statement and a round trip per event
 * would cost a replay far more than folding the event in memory, and a row of the final state is written once
 * (figures in docs/performance.md).
 *
 * <p>The replay takes {@link #drain}'s writes between batches of events and runs them while it goes on, and calls
 * {@link #replace} once it has the last event; each in a transaction of its own. What is written must match, row by
 * row, what the live projection writes for the same events ({@code ReplayIdentityTest} checks it).
 */
public interface Rebuild {

    /** The object whose event handlers fold the events: this one, unless said otherwise. */
    default Object rules() {
        return this;
    }

    /**
     * Takes off this rebuild what need not wait for the last event, as a write of its own: the replay runs it on
     * another thread while it folds the next events, so memory stays bounded by the final state.
     */
    default Consumer<JdbcTemplate> drain() {
        return jdbc -> { };
    }

    /** Writes the rest: what the read model holds now is replaced by the rebuilt state. */
    void replace(JdbcTemplate jdbc);

    /** The rules' handlers fold the events; {@code replace} writes what they made. */
    static Rebuild of(Object rules, Consumer<JdbcTemplate> replace) {
        return of(rules, () -> jdbc -> { }, replace);
    }

    /** The rules' handlers fold the events; {@code drain} and {@code replace} write what they made. */
    static Rebuild of(Object rules, Supplier<Consumer<JdbcTemplate>> drain, Consumer<JdbcTemplate> replace) {
        return new Rebuild() {
            @Override
            public Object rules() {
                return rules;
            }

            @Override
            public Consumer<JdbcTemplate> drain() {
                return drain.get();
            }

            @Override
            public void replace(JdbcTemplate jdbc) {
                replace.accept(jdbc);
            }
        };
    }

    /** Runs the statement once per row, in JDBC batches; each row's arguments are made only as it is sent. */
    static <T> void batch(JdbcTemplate jdbc, String sql, Collection<T> rows, Function<T, Object[]> arguments) {
        jdbc.batchUpdate(sql, rows, BATCH_ROWS,
                (statement, row) -> new ArgumentPreparedStatementSetter(arguments.apply(row)).setValues(statement));
    }

    /** Statements per JDBC batch: one round trip each. */
    int BATCH_ROWS = 1_000;
}
