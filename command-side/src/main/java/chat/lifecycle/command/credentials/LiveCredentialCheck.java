package chat.lifecycle.command.credentials;

import chat.lifecycle.command.config.StoreVersion;
import chat.lifecycle.events.Audit;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks every command (Axon registers handler interceptor beans on the command bus), in the transaction that will
 * commit its write, that the credential it was requested with is still live:
 * its user active and still in the credential epoch the credential belongs to. The request was authenticated
 * when its headers arrived; its body, and so the write, may come much later, after a deactivation has answered.
 * The user's lookup row is read under a share lock, which the deactivation's update of that row waits for and
 * which waits for a deactivation in progress: either the write commits before the deactivation does, or it sees
 * the deactivation and is refused. On every node, since the lock is in the shared database.
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

    private final JdbcTemplate jdbc;
    private final String lock;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();

    public LiveCredentialCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        // H2 (the embedded default, one node) has no shared row locks; an exclusive one is as safe there
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        this.lock = "H2".equals(product) ? " for update" : " for share";
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

    /** {@link #requireLive(String, int)}, answering the store's last sequence number of {@code aggregateId}. */
    private Long requireLive(String aggregateId, String userId, int epoch) {
        List<Long> version = jdbc.query(LIVE + lock, (row, n) -> row.getObject(1, Long.class), aggregateId, userId,
                epoch);
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
