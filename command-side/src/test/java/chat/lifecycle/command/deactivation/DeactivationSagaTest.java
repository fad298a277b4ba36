package chat.lifecycle.command.deactivation;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;

import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.RevokeStaleLoginTokens;
import chat.lifecycle.events.Audit;
import chat.lifecycle.events.user.LoginTokensRevoked;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeactivationSagaTest {

    private static final String USER_ID = "aliceId";
    private static final String OTHER_USER_ID = "bobId";

    private SagaTestFixture<DeactivationSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(DeactivationSaga.class);
        // The real AuditedCommands, over a gateway on the fixture's recording command bus: what the saga sends is
        // recorded, metadata included, and answered with null.
        fixture.registerResource(new AuditedCommands(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build()));
    }

    /** The command, sent with the system as its actor and the deactivation as its cause. */
    private static Matcher<CommandMessage<?>> sentBySystemForDeactivation(RevokeStaleLoginTokens expected) {
        Map<String, String> audit = Map.of(
                Audit.ACTOR_ID, Audit.SYSTEM,
                Audit.ACTOR_USERNAME, Audit.SYSTEM,
                Audit.CAUSE, DeactivationSaga.CAUSE);
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandMessage<?> command) {
                return expected.equals(command.getPayload())
                        && audit.entrySet().stream().allMatch(
                                entry -> entry.getValue().equals(command.getMetaData().get(entry.getKey())));
            }

            @Override
            public void describeTo(Description description) {
                description.appendValue(expected).appendText(" with metadata containing ").appendValue(audit);
            }
        };
    }

    @Test
    void aDeactivationStartsTheSagaAndRevokesTheTokensOfEarlierEpochs() {
        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(new UserDeactivated(USER_ID, false, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("userId", USER_ID)
                .expectDispatchedCommands(new RevokeStaleLoginTokens(USER_ID, 1));
    }

    @Test
    void theRevocationIsSentByTheSystemWithDeactivationAsItsCause() {
        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(new UserDeactivated(USER_ID, true, 3))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommandsMatching(exactSequenceOf(
                        sentBySystemForDeactivation(new RevokeStaleLoginTokens(USER_ID, 3)),
                        andNoMore()));
    }

    @Test
    void aDeletionOfTheUserEndsTheSaga() {
        fixture.givenAggregate(USER_ID).published(new UserDeactivated(USER_ID, false, 1))
                .whenAggregate(USER_ID).publishes(new UserDeleted(USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0);
    }

    @Test
    void aUserDeletedBeforeTheSagaRanEndsItInsteadOfRetryingForever() {
        fixture.setCallbackBehavior((payload, metaData) -> {
            throw new AggregateDeletedException(USER_ID, "deleted");
        });

        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(new UserDeactivated(USER_ID, false, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0);
    }

    @Test
    void theConfirmationForItsEpochEndsTheSaga() {
        fixture.givenAggregate(USER_ID).published(new UserDeactivated(USER_ID, false, 1))
                .whenAggregate(USER_ID).publishes(new LoginTokensRevoked(USER_ID, List.of("token-a"), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoAssociationWith("userId", USER_ID)
                .expectNoDispatchedCommands();
    }

    @Test
    void anEmptyConfirmationEndsTheSagaToo() {
        fixture.givenAggregate(USER_ID).published(new UserDeactivated(USER_ID, false, 1))
                .whenAggregate(USER_ID).publishes(new LoginTokensRevoked(USER_ID, List.of(), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0);
    }

    @Test
    void aConfirmationForAnOlderEpochKeepsTheSagaWaiting() {
        fixture.givenAggregate(USER_ID).published(new UserDeactivated(USER_ID, false, 2))
                .whenAggregate(USER_ID).publishes(new LoginTokensRevoked(USER_ID, List.of("token-a"), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("userId", USER_ID)
                .expectNoDispatchedCommands();
    }

    @Test
    void anotherUsersConfirmationDoesNotEndTheSaga() {
        fixture.givenAggregate(USER_ID).published(new UserDeactivated(USER_ID, false, 1))
                .whenAggregate(OTHER_USER_ID).publishes(new LoginTokensRevoked(OTHER_USER_ID, List.of(), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("userId", USER_ID)
                .expectNoDispatchedCommands();
    }

    @Test
    void anotherUsersDeactivationStartsASagaOfItsOwn() {
        fixture.givenAggregate(USER_ID).published(new UserDeactivated(USER_ID, false, 1))
                .whenAggregate(OTHER_USER_ID).publishes(new UserDeactivated(OTHER_USER_ID, false, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(2)
                .expectAssociationWith("userId", USER_ID)
                .expectAssociationWith("userId", OTHER_USER_ID)
                .expectDispatchedCommands(new RevokeStaleLoginTokens(OTHER_USER_ID, 1));
    }

    @Test
    void theOtherUsersSagaEndingLeavesThisOneRunning() {
        fixture.givenAggregate(USER_ID).published(new UserDeactivated(USER_ID, false, 1))
                .andThenAggregate(OTHER_USER_ID).published(new UserDeactivated(OTHER_USER_ID, false, 1))
                .whenAggregate(OTHER_USER_ID).publishes(new LoginTokensRevoked(OTHER_USER_ID, List.of(), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("userId", USER_ID)
                .expectNoAssociationWith("userId", OTHER_USER_ID);
    }

    /**
     * {@code @StartSaga} creates a saga only if none is associated yet, so a second deactivation before the first is
     * confirmed lands in the running saga, which moves on to the newer epoch.
     */
    @Test
    void aSecondDeactivationBeforeTheConfirmationMovesTheRunningSagaToTheNewEpoch() {
        fixture.givenAggregate(USER_ID).published(new UserDeactivated(USER_ID, false, 1))
                .whenAggregate(USER_ID).publishes(new UserDeactivated(USER_ID, false, 2))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RevokeStaleLoginTokens(USER_ID, 2));
    }

    @Test
    void afterASecondDeactivationOnlyTheNewerConfirmationEndsTheSaga() {
        fixture.givenAggregate(USER_ID).published(new UserDeactivated(USER_ID, false, 1),
                        new UserDeactivated(USER_ID, false, 2))
                .whenAggregate(USER_ID).publishes(new LoginTokensRevoked(USER_ID, List.of("token-a"), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1);
    }
}
