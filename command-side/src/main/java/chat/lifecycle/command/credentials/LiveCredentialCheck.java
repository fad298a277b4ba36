package chat.lifecycle.command.credentials;

import chat.lifecycle.command.config.CommandReadAhead;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.stereotype.Component;

/**
 * Checks every command (Axon registers handler interceptor beans on the command bus), in the transaction that will
 * commit its write, that the credential it was requested with is still live:
 * its user active and still in the credential epoch the credential belongs to. The request was authenticated
 * when its headers arrived; its body, and so the write, may come much later, after a deactivation has answered.
 * So the check holds the user's credential lock shared, and a change that voids the user's credentials holds it
 * exclusively ({@link CredentialLocks}): either the command commits before the deactivation does, or it waits for
 * the deactivation's commit, sees it and is refused. On every node, since the lock is in the shared database.
 *
 * <p>On PostgreSQL the lock is taken by a first statement and the user's row read by a later one in the same round
 * trip, whose snapshot is taken once the lock is held. H2 (the embedded default, one node) locks the row itself, for
 * update, which the deactivation's update of the row waits for.
 *
 * <p>The same statement reads the store's version of the aggregate the command targets, which the aggregate cache
 * checks its entry against ({@link StoreVersion}): one round trip instead of two for every command. What the
 * command's handling is known to read goes in that round trip too ({@link CommandReadAhead}), queued after the lock.
 */
@Component
public class LiveCredentialCheck implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Command metadata: the credential epoch the acting user presented. */
    public static final String EPOCH = "credentialEpoch";

    /** The user's row if live, with the last sequence number of the aggregate named (null: none, or no event). */
    private static final String LIVE = """
            select (select max(sequence_number) from domain_event_entry where aggregate_identifier = ?)
            from live_epoch where user_id = ? and credential_epoch = ?""";

    private final QueuedWritesJdbcTemplate jdbc;
    private final CredentialLocks locks;
    private final ObjectProvider<CommandReadAhead> readAheads;
    private final boolean h2;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    public LiveCredentialCheck(QueuedWritesJdbcTemplate jdbc, CredentialLocks locks,
                               ObjectProvider<CommandReadAhead> readAheads) {
        this.jdbc = jdbc;
        this.locks = locks;
        this.readAheads = readAheads;
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        this.h2 = "H2".equals(product);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        MetaData metaData = command.getMetaData();
        String actorId = (String) metaData.get(Audit.ACTOR_ID);
        Object epoch = metaData.get(EPOCH);
        if (epoch instanceof Number) {
            locks.actingAs(actorId); // the first part of the read's statement: its snapshot follows the wait
        }
        readAheads.forEach(readAhead -> readAhead.queueFor(command.getPayload()));
        if (epoch instanceof Number presented) {
            String target = target(command);
            Long version = readLive(target, actorId, presented.intValue());
            if (target != null) {
                StoreVersion.readAhead(target, version);
            }
        }
        return chain.proceed();
    }

    /** Within the caller's transaction: refuses unless the user is active and still in {@code epoch}. */
    public void requireLive(String userId, int epoch) {
        locks.actingAs(userId);
        readLive(null, userId, epoch);
    }

    /**
     * Refuses unless the user is active and still in {@code epoch}, with their credential lock held; answers the
     * store's last sequence number of {@code aggregateId}.
     */
    private Long readLive(String aggregateId, String userId, int epoch) {
        List<Long> version = jdbc.query(h2 ? LIVE + " for update" : LIVE, (row, n) -> row.getObject(1, Long.class),
                aggregateId, userId, epoch);
        if (version.isEmpty()) {
            throw new CredentialRevoked();
        }
        return version.get(0);
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
