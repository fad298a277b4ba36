package chat.lifecycle.command;

import chat.lifecycle.command.credentials.LiveCredentialCheck;
import chat.lifecycle.platform.ops.CorrelationId;
import chat.lifecycle.events.Audit;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * The one way commands are sent: each carries who acted and why in its metadata, which Axon copies onto the
 * events it produces, and the epoch of the credential the actor presented, which only {@link LiveCredentialCheck}
 * reads. Sends wait for the outcome, so a route answers only after the events are committed. The
 * correlation id of the request (or message) being handled, when there is one, goes along as {@code correlationId}
 * and reaches the events too.
 */
@Component
public class AuditedCommands {

    private final CommandGateway gateway;

    public AuditedCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command, Actor actor, String cause) {
        Map<String, Object> metaData = new HashMap<>(Map.of(
                Audit.ACTOR_ID, actor.id(),
                Audit.ACTOR_USERNAME, actor.username(),
                Audit.CAUSE, cause));
        String correlationId = CorrelationId.current();
        if (correlationId != null) {
            metaData.put(CorrelationId.KEY, correlationId);
        }
        if (actor.credentialEpoch() != null) {
            metaData.put(LiveCredentialCheck.EPOCH, actor.credentialEpoch());
        }
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
        return gateway.sendAndWait(message);
    }
}
