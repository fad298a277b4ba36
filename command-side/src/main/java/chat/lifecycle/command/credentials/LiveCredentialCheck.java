package chat.lifecycle.command.credentials;

import chat.lifecycle.command.config.StoreVersion;
import chat.lifecycle.events.Audit;
import chat.lifecycle.platform.store.QueuedWritesJdbcTemplate;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.stereotype.Component;

/**
 * Checks every command (Axon registers handler interceptor beans on the command bus), in the transaction that will
 * commit its write, that the credential it was requested with is still live:
 * its user active and still in the credential epoch the credential belongs to. The request was authenticated
 * when its headers arrived; its body, and so the write, may come much later, after a deactivation has answered.
 * So the check holds the user's credential lock shared, and a change that voids the user's credentials holds it
 * exclusively ({@link #voidingCredentialsOf}): either the command commits before the deactivation does, or it waits
 * for the deactivation's commit, sees it and is refused. On every node, since the lock is in the shared database.
 *
 * <p>On PostgreSQL the lock is an advisory lock, in memory, taken by a first statement and the user's row read by a
 * second one in the same round trip, whose snapshot is taken once the lock is held. A shared row lock did the same,
 * but the concurrent commands of one acting user (an admin's automation) turned it into a multixact written to the
 * row and the WAL: the costliest statement of a command (docs/performance.md). H2 (the embedded default, one node)
 * locks the row itself, for update, which the deactivation's update of the row waits for.
 *
 * <p>The same statement reads the store's version of the aggregate the command targets, which the aggregate cache
 * checks its entry against ({@link StoreVersion}): one round trip instead of two for every command.
 */
@Component
public class LiveCredentialCheck implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Command metadata: the credential epoch the acting user presented. */
    public static final String EPOCH = "credentialEpoch";

    /** The user's row if live, with the last sequence number of the aggregate named (null: none, or no event). */
    private static final String LIVE = """
            select (select max(sequence_number) from domain_event_entry where aggregate_identifier = ?)
            from live_epoch where user_id = ? and credential_epoch = ?""";
    /** The advisory locks' first key: the space of credential locks, whose second key is the user's. */
    private static final int CREDENTIAL_LOCKS = 1;
    private static final String SHARED = "select pg_advisory_xact_lock_shared(" + CREDENTIAL_LOCKS + ", hashtext(?))";
    private static final String EXCLUSIVE = "select pg_advisory_xact_lock(" + CREDENTIAL_LOCKS + ", hashtext(?))";

    private final QueuedWritesJdbcTemplate jdbc;
    private final boolean h2;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    public LiveCredentialCheck(QueuedWritesJdbcTemplate jdbc) {
        this.jdbc = jdbc;
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        this.h2 = "H2".equals(product);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        MetaData metaData = command.getMetaData();
        if (metaData.get(EPOCH) instanceof Number epoch) {
            String target = target(command);
            Long version = requireLive(target, (String) metaData.get(Audit.ACTOR_ID), epoch.intValue());
            if (target != null) {
                StoreVersion.readAhead(unitOfWork, target, version);
            }
        }
        return chain.proceed();
    }

    /** Within the caller's transaction: refuses unless the user is active and still in {@code epoch}. */
    public void requireLive(String userId, int epoch) {
        requireLive(null, userId, epoch);
    }

    /**
     * In the transaction of a change that voids the user's credentials (deactivation, deletion), before it commits:
     * waits for the commands already checked as that user, and holds back the ones still to come until then. Queued
     * with the change's writes, so it costs no round trip of its own.
     */
    public void voidingCredentialsOf(String userId) {
        hold(EXCLUSIVE, userId);
    }

    /** {@link #requireLive(String, int)}, answering the store's last sequence number of {@code aggregateId}. */
    private Long requireLive(String aggregateId, String userId, int epoch) {
        hold(SHARED, userId); // a statement of its own, sent with the read: the read's snapshot follows the wait
        List<Long> version = jdbc.query(h2 ? LIVE + " for update" : LIVE, (row, n) -> row.getObject(1, Long.class),
                aggregateId, userId, epoch);
        if (version.isEmpty()) {
            throw new CredentialRevoked();
        }
        return version.get(0);
    }

    /**
     * Holds the user's credential lock to the end of the transaction, queued ({@link QueuedWritesJdbcTemplate}) to
     * go with the transaction's next statement. On H2 the row lock serves, and outside a transaction there is nothing
     * to hold a lock for.
     */
    private void hold(String lock, String userId) {
        if (jdbc.queuesWrites()) {
            jdbc.updateLater(lock, userId);
        }
    }

    /** The aggregate the command is for, or null for one that creates its aggregate. */
    private String target(CommandMessage<?> command) {
        try {
            return targets.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            return null;
        }
    }

    /** The acting credential was revoked (its user deactivated) after the request was authenticated. */
    public static final class CredentialRevoked extends RuntimeException {

        CredentialRevoked() {
            super("the acting credential was revoked", null, false, false);
        }
    }
}
