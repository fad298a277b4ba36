package chat.lifecycle.command.deactivation;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;

import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.RevokeStaleLoginTokens;
import chat.lifecycle.command.oauth.OAuthGrants;
import chat.lifecycle.command.oauth.RevokeStaleOAuthGrants;
import chat.lifecycle.events.Audit;
import chat.lifecycle.events.oauth.OAuthGrantsRevoked;
import chat.lifecycle.events.user.LoginTokensRevoked;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserDeleted;
import java.time.Duration;
import java.time.Instant;
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
    private static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    /** Just past the retry: the deadline fires once, and the one it schedules again is still ahead. */
    private static final Duration PAST_RETRY = Duration.ofSeconds(11);
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private SagaTestFixture<DeactivationSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(DeactivationSaga.class);
        // The real steps over the real AuditedCommands, over a gateway on the fixture's recording command bus: what
        // the saga sends is recorded, metadata included, and answered with null. The direct executor sends
        // synchronously once the fixture's unit of work has committed. The fixture injects its own
        // StubDeadlineManager through the saga's @Autowired setter.
        fixture.registerResource(new RevocationSteps(
                new AuditedCommands(DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build()),
                Runnable::run, RETRY_AFTER));
    }

    private static RevokeStaleLoginTokens loginTokenStep(String userId, int epoch) {
        return new RevokeStaleLoginTokens(userId, epoch);
    }

    private static RevokeStaleOAuthGrants oauthStep(String userId, int epoch) {
        return new RevokeStaleOAuthGrants(OAuthGrants.idOf(userId), userId, epoch);
    }

    private static UserDeactivated deactivated(String userId, int epoch) {
        return new UserDeactivated(userId, false, epoch);
    }

    private static LoginTokensRevoked loginTokensRevoked(String userId, int epoch) {
        return new LoginTokensRevoked(userId, List.of(), epoch);
    }

    private static OAuthGrantsRevoked oauthGrantsRevoked(String userId, int epoch) {
        return new OAuthGrantsRevoked(userId, List.of(), List.of(), epoch);
    }

    /** The command, sent with the system as its actor and the deactivation as its cause. */
    private static Matcher<CommandMessage<?>> sentBySystemForDeactivation(Object expected) {
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

    // --- starting ------------------------------------------------------------------------------------------------

    @Test
    void aDeactivationStartsTheSagaAndSendsBothRevocationStepsForItsEpoch() {
        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(deactivated(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("userId", USER_ID)
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1), oauthStep(USER_ID, 1));
    }

    @Test
    void bothStepsAreSentByTheSystemWithDeactivationAsTheirCause() {
        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(new UserDeactivated(USER_ID, true, 3))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommandsMatching(exactSequenceOf(
                        sentBySystemForDeactivation(loginTokenStep(USER_ID, 3)),
                        sentBySystemForDeactivation(oauthStep(USER_ID, 3)),
                        andNoMore()));
    }

    @Test
    void theOAuthStepTargetsTheUsersGrantsAggregate() {
        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(deactivated(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1),
                        new RevokeStaleOAuthGrants("oauth-grants:" + USER_ID, USER_ID, 1));
    }

    @Test
    void aDeactivationSchedulesTheRetryDeadline() {
        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(deactivated(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
    }

    // --- retrying ------------------------------------------------------------------------------------------------

    @Test
    void withoutConfirmationsTheRetrySendsBothStepsAgainAndSchedulesTheNextRetry() {
        fixture.givenCurrentTime(START)
                .andThenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectTriggeredDeadlinesWithName(DeactivationSaga.RETRY)
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1), oauthStep(USER_ID, 1))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(START.plus(RETRY_AFTER).plus(RETRY_AFTER), DeactivationSaga.RETRY);
    }

    @Test
    void theRetryIsNotSentBeforeItsTime() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .whenTimeElapses(RETRY_AFTER.minusSeconds(1))
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), DeactivationSaga.RETRY);
    }

    @Test
    void retriedStepsAreSentByTheSystemWithDeactivationAsTheirCause() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommandsMatching(exactSequenceOf(
                        sentBySystemForDeactivation(loginTokenStep(USER_ID, 1)),
                        sentBySystemForDeactivation(oauthStep(USER_ID, 1)),
                        andNoMore()));
    }

    @Test
    void afterOnlyTheLoginTokenConfirmationTheRetrySendsOnlyTheOAuthStep() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(oauthStep(USER_ID, 1))
                .expectActiveSagas(1);
    }

    @Test
    void afterOnlyTheOAuthConfirmationTheRetrySendsOnlyTheLoginTokenStep() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), oauthGrantsRevoked(USER_ID, 1))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1))
                .expectActiveSagas(1);
    }

    // --- confirming and ending -----------------------------------------------------------------------------------

    @Test
    void oneConfirmationAloneKeepsTheSagaWaitingWithItsDeadline() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(new LoginTokensRevoked(USER_ID, List.of("token-a"), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("userId", USER_ID)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
    }

    @Test
    void theOAuthConfirmationAloneKeepsTheSagaWaitingWithItsDeadline() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(
                        new OAuthGrantsRevoked(USER_ID, List.of("code-a"), List.of("pair-a"), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
    }

    @Test
    void bothConfirmationsEndTheSagaAndCancelItsDeadline() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1),
                        new LoginTokensRevoked(USER_ID, List.of("token-a"), 1))
                .whenAggregate(USER_ID).publishes(
                        new OAuthGrantsRevoked(USER_ID, List.of("code-a"), List.of("pair-a"), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoAssociationWith("userId", USER_ID)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void bothConfirmationsInTheOtherOrderEndTheSagaAndCancelItsDeadline() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), oauthGrantsRevoked(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(new LoginTokensRevoked(USER_ID, List.of("token-a"), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoAssociationWith("userId", USER_ID)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void emptyConfirmationsEndTheSagaToo() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(oauthGrantsRevoked(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0);
    }

    @Test
    void anEndedSagaSendsNothingWhenItsRetryTimePasses() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1),
                        oauthGrantsRevoked(USER_ID, 1))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands()
                .expectTriggeredDeadlinesMatching(exactSequenceOf(andNoMore()))
                .expectActiveSagas(0);
    }

    @Test
    void aLoginTokenConfirmationForAnOlderEpochKeepsTheSagaWaiting() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 2), oauthGrantsRevoked(USER_ID, 2))
                .whenAggregate(USER_ID).publishes(new LoginTokensRevoked(USER_ID, List.of("token-a"), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("userId", USER_ID)
                .expectNoDispatchedCommands();
    }

    @Test
    void anOAuthConfirmationForAnOlderEpochKeepsTheSagaWaiting() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 2), loginTokensRevoked(USER_ID, 2))
                .whenAggregate(USER_ID).publishes(oauthGrantsRevoked(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void confirmationsForANewerEpochCoverTheOlderOne() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 2))
                .whenAggregate(USER_ID).publishes(oauthGrantsRevoked(USER_ID, 2))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0);
    }

    @Test
    void aDeletionOfTheUserEndsTheSagaAndCancelsItsDeadline() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(new UserDeleted(USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoAssociationWith("userId", USER_ID)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDeletionAfterOneConfirmationEndsTheSagaToo() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(new UserDeleted(USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDeletedSagaSendsNothingWhenItsRetryTimePasses() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), new UserDeleted(USER_ID))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands();
    }

    @Test
    void aDeletionWithoutADeactivationStartsNoSaga() {
        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(new UserDeleted(USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    // --- other users ---------------------------------------------------------------------------------------------

    @Test
    void anotherUsersConfirmationsDoNotEndTheSaga() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .andThenAggregate(OTHER_USER_ID).published(loginTokensRevoked(OTHER_USER_ID, 1))
                .whenAggregate(OTHER_USER_ID).publishes(oauthGrantsRevoked(OTHER_USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("userId", USER_ID)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
    }

    @Test
    void anotherUsersDeactivationStartsASagaOfItsOwn() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .whenAggregate(OTHER_USER_ID).publishes(deactivated(OTHER_USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(2)
                .expectAssociationWith("userId", USER_ID)
                .expectAssociationWith("userId", OTHER_USER_ID)
                .expectDispatchedCommands(loginTokenStep(OTHER_USER_ID, 1), oauthStep(OTHER_USER_ID, 1));
    }

    @Test
    void theOtherUsersSagaEndingLeavesThisOneRunningWithItsDeadline() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .andThenAggregate(OTHER_USER_ID).published(deactivated(OTHER_USER_ID, 1),
                        loginTokensRevoked(OTHER_USER_ID, 1))
                .whenAggregate(OTHER_USER_ID).publishes(oauthGrantsRevoked(OTHER_USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("userId", USER_ID)
                .expectNoAssociationWith("userId", OTHER_USER_ID)
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
    }

    @Test
    void eachSagaRetriesOnlyItsOwnSteps() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1))
                .andThenAggregate(OTHER_USER_ID).published(deactivated(OTHER_USER_ID, 4),
                        oauthGrantsRevoked(OTHER_USER_ID, 4))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(oauthStep(USER_ID, 1), loginTokenStep(OTHER_USER_ID, 4));
    }

    // --- a second deactivation -----------------------------------------------------------------------------------

    /**
     * {@code @StartSaga} creates a saga only if none is associated yet, so a second deactivation before the first is
     * confirmed lands in the running saga, which moves on to the newer epoch and forgets the older confirmations.
     */
    @Test
    void aSecondDeactivationMovesTheRunningSagaToTheNewEpochAndSendsBothStepsForIt() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(deactivated(USER_ID, 2))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectDispatchedCommands(loginTokenStep(USER_ID, 2), oauthStep(USER_ID, 2))
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
    }

    @Test
    void afterASecondDeactivationTheRetryResendsBothStepsOnceForTheNewEpoch() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), deactivated(USER_ID, 2))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(loginTokenStep(USER_ID, 2), oauthStep(USER_ID, 2));
    }

    @Test
    void afterASecondDeactivationConfirmationsOfTheOlderEpochDoNotEndTheSaga() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), deactivated(USER_ID, 2),
                        loginTokensRevoked(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(oauthGrantsRevoked(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
    }

    @Test
    void afterASecondDeactivationBothConfirmationsOfTheNewerEpochEndTheSaga() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), deactivated(USER_ID, 2),
                        oauthGrantsRevoked(USER_ID, 2))
                .whenAggregate(USER_ID).publishes(loginTokensRevoked(USER_ID, 2))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    // --- failing steps -------------------------------------------------------------------------------------------

    @Test
    void failingStepsDoNotFailTheHandlerAndTheSagaStaysActiveWithItsDeadline() {
        fixture.setCallbackBehavior((payload, metaData) -> {
            throw new IllegalStateException("the command bus is down");
        });

        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(deactivated(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("userId", USER_ID)
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1), oauthStep(USER_ID, 1))
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
    }

    @Test
    void aFailingLoginTokenStepDoesNotKeepTheOAuthStepFromBeingSent() {
        fixture.setCallbackBehavior((payload, metaData) -> {
            if (payload instanceof RevokeStaleLoginTokens) {
                throw new AggregateDeletedException(USER_ID, "deleted");
            }
            return null;
        });

        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(deactivated(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1), oauthStep(USER_ID, 1));
    }

    @Test
    void failedStepsAreSentAgainWhenTheRetryTimePasses() {
        fixture.setCallbackBehavior((payload, metaData) -> {
            throw new IllegalStateException("the command bus is down");
        });

        fixture.givenCurrentTime(START)
                .andThenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1), oauthStep(USER_ID, 1))
                .expectScheduledDeadlineWithName(START.plus(RETRY_AFTER).plus(RETRY_AFTER), DeactivationSaga.RETRY);
    }
}
