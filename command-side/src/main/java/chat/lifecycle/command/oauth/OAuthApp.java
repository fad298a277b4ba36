package chat.lifecycle.command.oauth;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import chat.lifecycle.events.oauth.OAuthAppCreated;
import chat.lifecycle.events.oauth.OAuthAppDeleted;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** An OAuth client application registered with this server, the OAuth 2 provider. */
@Aggregate
public class OAuthApp {

    @AggregateIdentifier
    private String appId;
    private String clientId;

    protected OAuthApp() {
        // for Axon's event sourcing
    }

    @CommandHandler
    public OAuthApp(CreateOAuthApp command) {
        apply(new OAuthAppCreated(command.appId(), command.name(), command.clientId(), command.hashedClientSecret(),
                List.copyOf(command.redirectUris()), command.active()));
    }

    @CommandHandler
    public void handle(DeleteOAuthApp command) {
        apply(new OAuthAppDeleted(appId, clientId));
    }

    @EventSourcingHandler
    void on(OAuthAppCreated event) {
        appId = event.appId();
        clientId = event.clientId();
    }

    @EventSourcingHandler
    void on(OAuthAppDeleted event) {
        markDeleted();
    }
}
