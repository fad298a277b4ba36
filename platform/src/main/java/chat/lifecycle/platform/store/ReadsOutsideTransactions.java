package chat.lifecycle.platform.store;

import java.util.function.Supplier;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The event storage engine's transactions, except around its reads: a read is one query (or a query and a gap check
 * that tolerates seeing later commits), consistent on its own, and the BEGIN and COMMIT around it would be two of
 * its three round trips. Streaming processors read the store a few times per commit, so this is most of their cost
 * to PostgreSQL (see docs/performance.md). Inside a unit of work's transaction a read still runs in it, on the
 * connection bound to it; writes (snapshots) keep their transaction.
 */
final class ReadsOutsideTransactions implements TransactionManager {

    private final TransactionManager transactions;

    ReadsOutsideTransactions(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        return transactions.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        return supplier.get();
    }
}
