package chat.lifecycle.command.oauth;

import chat.lifecycle.events.oauth.OAuthAppCreated;
import chat.lifecycle.events.oauth.OAuthAppDeleted;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuthAppTest {

    private static final String APP_ID = "app-1";
    private static final String CLIENT_ID = "client-1";
    private static final List<String> REDIRECT_URIS = List.of("https://one.example.org/cb", "https://two.example.org/cb");

    private FixtureConfiguration<OAuthApp> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OAuthApp.class);
    }

    private static CreateOAuthApp create() {
        return new CreateOAuthApp(APP_ID, "Zapier", CLIENT_ID, "secret-hash", new ArrayList<>(REDIRECT_URIS), true);
    }

    private static OAuthAppCreated created() {
        return new OAuthAppCreated(APP_ID, "Zapier", CLIENT_ID, "secret-hash", REDIRECT_URIS, true);
    }

    @Test
    void creatingAnAppEmitsOAuthAppCreatedWithItsRedirectUris() {
        fixture.givenNoPriorActivity()
                .when(create())
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
    }

    @Test
    void anInactiveAppIsRecordedInactive() {
        fixture.givenNoPriorActivity()
                .when(new CreateOAuthApp(APP_ID, "Zapier", CLIENT_ID, "secret-hash", REDIRECT_URIS, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OAuthAppCreated(APP_ID, "Zapier", CLIENT_ID, "secret-hash", REDIRECT_URIS, false));
    }

    @Test
    void deletingAnAppEmitsOAuthAppDeletedWithItsClientIdAndMarksItDeleted() {
        fixture.given(created())
                .when(new DeleteOAuthApp(APP_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new OAuthAppDeleted(APP_ID, CLIENT_ID))
                .expectMarkedDeleted();
    }

    @Test
    void aDeletedAppCannotBeDeletedAgain() {
        fixture.givenCommands(create(), new DeleteOAuthApp(APP_ID))
                .when(new DeleteOAuthApp(APP_ID))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void anAppDeletedInTheGivenEventsAcceptsNoFurtherCommands() {
        fixture.given(created(), new OAuthAppDeleted(APP_ID, CLIENT_ID))
                .when(new DeleteOAuthApp(APP_ID))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
    }
}
