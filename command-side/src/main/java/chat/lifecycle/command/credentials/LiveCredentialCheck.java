package chat.lifecycle.command.credentials;

import chat.lifecycle.events.Audit;
import java.sql.Connection;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
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
 */
@Component
public class LiveCredentialCheck implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Command metadata: the credential epoch the acting user presented. */
    public static final String EPOCH = "credentialEpoch";

    private static final String LIVE = "select 1 from live_epoch where user_id = ? and credential_epoch = ?";

    private final JdbcTemplate jdbc;
    private final String liveAndLocked;

    public LiveCredentialCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        // H2 (the embedded default, one node) has no shared row locks; an exclusive one is as safe there
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        this.liveAndLocked = LIVE + ("H2".equals(product) ? " for update" : " for share");
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        MetaData metaData = unitOfWork.getMessage().getMetaData();
        if (metaData.get(EPOCH) instanceof Number epoch) {
            requireLive((String) metaData.get(Audit.ACTOR_ID), epoch.intValue());
        }
        return chain.proceed();
    }

    /** Within the caller's transaction: refuses unless the user is active and still in {@code epoch}. */
    public void requireLive(String userId, int epoch) {
        if (jdbc.queryForList(liveAndLocked, Integer.class, userId, epoch).isEmpty()) {
            throw new CredentialRevoked();
        }
    }

    /** The acting credential was revoked (its user deactivated) after the request was authenticated. */
    public static final class CredentialRevoked extends RuntimeException {

        CredentialRevoked() {
            super("the acting credential was revoked", null, false, false);
        }
    }
}
