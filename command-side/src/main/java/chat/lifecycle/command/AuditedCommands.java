package chat.lifecycle.command;

import chat.lifecycle.events.Audit;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * The one way commands are sent: each carries who acted and why in its metadata, which Axon copies onto the
 * events it produces. Sends wait for the outcome, so a route answers only after the events are committed.
 */
@Component
public class AuditedCommands {

    private final CommandGateway gateway;

    public AuditedCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command, Actor actor, String cause) {
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                Audit.ACTOR_ID, actor.id(),
                Audit.ACTOR_USERNAME, actor.username(),
                Audit.CAUSE, cause));
        return gateway.sendAndWait(message);
    }
}
