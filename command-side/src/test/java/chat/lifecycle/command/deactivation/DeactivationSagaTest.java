package chat.lifecycle.command.deactivation;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.command.AuditedCommands;
import chat.lifecycle.command.credentials.LoginTokenStep;
import chat.lifecycle.command.credentials.RevokeStaleLoginTokens;
import chat.lifecycle.command.oauth.OAuthGrantStep;
import chat.lifecycle.command.oauth.OAuthGrants;
import chat.lifecycle.command.oauth.RevokeStaleOAuthGrants;
import chat.lifecycle.command.room.HandOverRoom;
import chat.lifecycle.command.room.HandOverPlan;
import chat.lifecycle.events.Audit;
import chat.lifecycle.events.oauth.OAuthGrantsRevoked;
import chat.lifecycle.events.room.RoomDeleted;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.user.DeactivationCleanupCompleted;
import chat.lifecycle.events.user.LoginTokensRevoked;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserRoomsRelinquished;
import chat.lifecycle.events.user.UserDeleted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
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
                NoTransactionManager.INSTANCE, Runnable::run, RETRY_AFTER));
        fixture.registerResource(new DeactivationSteps(List.of(new LoginTokenStep(), new OAuthGrantStep(null))));
        fixture.registerResource(new HandOverPlan() {
            @Override
            public List<HandOverRoom> stepsFor(String leavingUserId, Instant deactivatedAt) {
                roomPlansAsOf.add(deactivatedAt);
                return handOverStepsFor(leavingUserId);
            }

            @Override
            public List<HandOverRoom> stepsAfterDeletion(String deletedUserId, List<String> roomIds) {
                return handOverStepsFor(deletedUserId).stream().filter(step -> roomIds.contains(step.roomId()))
                        .toList();
            }

            @Override
            public Optional<Outcome> outcomeOf(String roomId, String leavingUserId) {
                return Optional.ofNullable(outcomes.get(roomId));
            }

            @Override
            public List<String> directMessagesOf(String userId) {
                return List.of("dm-1");
            }
        });
    }

    /**
     * What the fake {@link HandOverPlan} answers, per leaving user: no steps unless a test says otherwise. A user
     * mapped to {@code null} is not supposed to be asked about at all, and asking fails the handler.
     */
    private final Map<String, List<HandOverRoom>> roomSteps = new HashMap<>();
    /** What the fake answers for a room that dropped out of the plan. */
    private final Map<String, HandOverPlan.Outcome> outcomes = new HashMap<>();
    private final List<String> roomStepsAskedAbout = new ArrayList<>();
    private final List<Instant> roomPlansAsOf = new ArrayList<>();

    private List<HandOverRoom> handOverStepsFor(String leavingUserId) {
        roomStepsAskedAbout.add(leavingUserId);
        if (roomSteps.containsKey(leavingUserId) && roomSteps.get(leavingUserId) == null) {
            throw new AssertionError("HandOverPlan was asked about " + leavingUserId
                    + ", but this deactivation leaves the rooms alone");
        }
        return roomSteps.getOrDefault(leavingUserId, List.of());
    }

    private static RevokeStaleLoginTokens loginTokenStep(String userId, int epoch) {
        return new RevokeStaleLoginTokens(userId, epoch);
    }

    private static RevokeStaleOAuthGrants oauthStep(String userId, int epoch) {
        return new RevokeStaleOAuthGrants(OAuthGrants.idOf(userId), userId, epoch);
    }

    /**
     * A deactivation the saga completes: rooms planned from the lookups ({@code relinquishedRoomIds} null, as when an
     * earlier deactivation's saga still runs); the fake plan decides which rooms, none by default.
     */
    private static UserDeactivated deactivated(String userId, int epoch) {
        return new UserDeactivated(userId, false, epoch, true, null);
    }

    /** A deactivation complete at its own commit: no room relinquished. */
    private static UserDeactivated completeAtCommit(String userId, int epoch) {
        return new UserDeactivated(userId, false, epoch, true, List.of());
    }

    private static LoginTokensRevoked loginTokensRevoked(String userId, int epoch) {
        return new LoginTokensRevoked(userId, List.of(), epoch, List.of());
    }

    private static OAuthGrantsRevoked oauthGrantsRevoked(String userId, int epoch) {
        return new OAuthGrantsRevoked(userId, List.of(), List.of(), epoch);
    }

    private static DeactivationCleanupCompleted recorded(String userId, int epoch) {
        return new DeactivationCleanupCompleted(userId, epoch, Map.of(), List.of(), List.of(), List.of(), START);
    }

    /** The saga's last step alone: the receipt of the user's deactivation in that epoch, whatever it holds. */
    private static Matcher<List<CommandMessage<?>>> onlyTheReceiptOf(String userId, int epoch) {
        return exactSequenceOf(new TypeSafeMatcher<CommandMessage<?>>() {
            @Override
            protected boolean matchesSafely(CommandMessage<?> command) {
                return command.getPayload() instanceof RecordDeactivationCleanup record
                        && record.userId().equals(userId) && record.receipt().credentialEpoch() == epoch;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("the receipt of " + userId + " for epoch " + epoch);
            }
        }, andNoMore());
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
    void aDeactivationCompleteAtItsCommitStartsNoSaga() {
        roomSteps.put(USER_ID, null);

        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(completeAtCommit(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
        assertThat(roomStepsAskedAbout).isEmpty();
    }

    @Test
    void anIdleDeactivationCompleteAtItsCommitStartsNoSagaEither() {
        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(new UserDeactivated(USER_ID, false, 1, false, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aDeactivationThatRelinquishedRoomsStartsTheSaga() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB));

        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(new UserDeactivated(USER_ID, true, 1, true, List.of(ROOM_A)))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1), oauthStep(USER_ID, 1), HAND_ROOM_A_TO_BOB);
    }

    /**
     * The saga manager skips what no saga needs: deactivations complete at their commit, and the confirmations and
     * receipts recorded there; the saga's own are told by their cause.
     */
    @Test
    void theSagaNeedsOnlyTheDeactivationsLeftToItAndTheConfirmationsAndReceiptsOfItsOwnCommands() {
        Map<String, String> bySaga = Map.of(Audit.CAUSE, DeactivationSaga.CAUSE);
        Map<String, String> inline = Map.of(Audit.CAUSE, "deactivation");
        assertThat(DeactivationSaga.needs(message(completeAtCommit(USER_ID, 1), Map.of()))).isFalse();
        assertThat(DeactivationSaga.needs(message(new UserDeactivated(USER_ID, false, 1, false, List.of()),
                Map.of()))).isFalse();
        assertThat(DeactivationSaga.needs(message(deactivated(USER_ID, 1), Map.of()))).isTrue();
        assertThat(DeactivationSaga.needs(message(new UserDeactivated(USER_ID, true, 1, true, List.of(ROOM_A)),
                Map.of()))).isTrue();
        assertThat(DeactivationSaga.needs(message(loginTokensRevoked(USER_ID, 1), inline))).isFalse();
        assertThat(DeactivationSaga.needs(message(recorded(USER_ID, 1), inline))).isFalse();
        assertThat(DeactivationSaga.needs(message(loginTokensRevoked(USER_ID, 1), bySaga))).isTrue();
        assertThat(DeactivationSaga.needs(message(recorded(USER_ID, 1), bySaga))).isTrue();
        assertThat(DeactivationSaga.needs(message(new RoomOwnerAdded(ROOM_A, OTHER_USER_ID), Map.of()))).isTrue();
    }

    /** The store's producer is woken for what the saga has a handler for and needs; a reactivation, say, is not. */
    @Test
    void theStoreReadsAtOnceOnlyWhatTheSagaHandlesAndNeeds() {
        Map<String, String> bySaga = Map.of(Audit.CAUSE, DeactivationSaga.CAUSE);
        assertThat(DeactivationSaga.awaits(message(deactivated(USER_ID, 1), Map.of()))).isTrue();
        assertThat(DeactivationSaga.awaits(message(recorded(USER_ID, 1), bySaga))).isTrue();
        assertThat(DeactivationSaga.awaits(message(new RoomOwnerAdded(ROOM_A, OTHER_USER_ID), Map.of()))).isTrue();
        assertThat(DeactivationSaga.awaits(message(completeAtCommit(USER_ID, 1), Map.of()))).isFalse();
        assertThat(DeactivationSaga.awaits(message(new UserActivated(USER_ID), Map.of()))).isFalse();
    }

    private static EventMessage<?> message(Object payload, Map<String, String> metaData) {
        return GenericEventMessage.asEventMessage(payload).andMetaData(metaData);
    }

    @Test
    void bothStepsAreSentByTheSystemWithDeactivationAsTheirCause() {
        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(new UserDeactivated(USER_ID, true, 3, true, null))
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
                .whenAggregate(USER_ID).publishes(new LoginTokensRevoked(USER_ID, List.of("token-a"), 1, List.of()))
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
    void bothConfirmationsSendTheReceiptAndKeepTheSagaWithItsDeadlineUntilItIsRecorded() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1),
                        new LoginTokensRevoked(USER_ID, List.of("token-a"), 1, List.of()))
                .whenAggregate(USER_ID).publishes(
                        new OAuthGrantsRevoked(USER_ID, List.of("code-a"), List.of("pair-a"), 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(onlyTheReceiptOf(USER_ID, 1))
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
    }

    @Test
    void bothConfirmationsInTheOtherOrderSendTheReceiptToo() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), oauthGrantsRevoked(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(new LoginTokensRevoked(USER_ID, List.of("token-a"), 1, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommandsMatching(onlyTheReceiptOf(USER_ID, 1));
    }

    @Test
    void theRecordedReceiptEndsTheSagaAndCancelsItsDeadline() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1),
                        oauthGrantsRevoked(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(recorded(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoAssociationWith("userId", USER_ID)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aReceiptOfAnOlderEpochDoesNotEndTheSaga() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), deactivated(USER_ID, 2))
                .whenAggregate(USER_ID).publishes(recorded(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1);
    }

    @Test
    void anUnrecordedReceiptIsSentAgainWhenTheRetryTimePasses() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1),
                        oauthGrantsRevoked(USER_ID, 1))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommandsMatching(onlyTheReceiptOf(USER_ID, 1))
                .expectActiveSagas(1);
    }

    @Test
    void theReceiptSaysWhatEachStepDeletedAndWhenEachWasConfirmed() throws Exception {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB, DELETE_ROOM_B));
        Instant later = START.plusSeconds(1);

        fixture.givenCurrentTime(START)
                .andThenAggregate(USER_ID).published(deactivated(USER_ID, 1),
                        new LoginTokensRevoked(USER_ID, List.of("pat-a", "token-a", "token-b"), 1, List.of("pat-a")))
                .andThenAggregate(ROOM_A).published(new RoomOwnerAdded(ROOM_A, OTHER_USER_ID))
                .andThenAggregate(ROOM_B).published(new RoomDeleted(ROOM_B))
                .andThenTimeElapses(Duration.ofSeconds(1))
                .whenAggregate(USER_ID).publishes(
                        new OAuthGrantsRevoked(USER_ID, List.of("code-a"), List.of("pair-a", "pair-b"), 1))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(new RecordDeactivationCleanup(USER_ID, new DeactivationCleanupCompleted(
                        USER_ID, 1,
                        Map.of("loginTokens", 2, "personalAccessTokens", 1, "oauthAccessTokens", 2,
                                "oauthRefreshTokens", 2, "oauthCodes", 1),
                        List.of(new DeactivationCleanupCompleted.Room(ROOM_A, "handedOver", OTHER_USER_ID, START),
                                new DeactivationCleanupCompleted.Room(ROOM_B, "deleted", null, START)),
                        List.of("dm-1"),
                        List.of(new DeactivationCleanupCompleted.Step("directMessages", START),
                                new DeactivationCleanupCompleted.Step("loginTokens", START),
                                new DeactivationCleanupCompleted.Step("oauthGrants", later)),
                        later)));
    }

    @Test
    void aRoomHandedOverUnseenBeforeTheRetryIsInTheReceiptAsTheLookupsShowIt() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB));
        fixture.givenCurrentTime(START)
                .andThenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1),
                        oauthGrantsRevoked(USER_ID, 1));
        // the room's RoomOwnerAdded went by before the saga stored its association: only the lookups show it
        roomSteps.put(USER_ID, List.of());
        outcomes.put(ROOM_A, new HandOverPlan.Outcome(false, OTHER_USER_ID));

        fixture.whenTimeElapses(PAST_RETRY)
                .expectDispatchedCommandsMatching(new TypeSafeMatcher<List<CommandMessage<?>>>() {
                    @Override
                    protected boolean matchesSafely(List<CommandMessage<?>> sent) {
                        return sent.size() == 1 && sent.get(0).getPayload() instanceof RecordDeactivationCleanup record
                                && record.receipt().rooms().stream().map(room -> List.of(room.roomId(),
                                        room.outcome(), room.newOwnerId())).toList()
                                .equals(List.of(List.of(ROOM_A, "handedOver", OTHER_USER_ID)));
                    }

                    @Override
                    public void describeTo(Description description) {
                        description.appendText("the receipt alone, with room A handed over to " + OTHER_USER_ID);
                    }
                });
    }

    @Test
    void anEndedSagaSendsNothingWhenItsRetryTimePasses() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1),
                        oauthGrantsRevoked(USER_ID, 1), recorded(USER_ID, 1))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands()
                .expectTriggeredDeadlinesMatching(exactSequenceOf(andNoMore()))
                .expectActiveSagas(0);
    }

    @Test
    void aLoginTokenConfirmationForAnOlderEpochKeepsTheSagaWaiting() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 2), oauthGrantsRevoked(USER_ID, 2))
                .whenAggregate(USER_ID).publishes(new LoginTokensRevoked(USER_ID, List.of("token-a"), 1, List.of()))
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
                .expectDispatchedCommandsMatching(onlyTheReceiptOf(USER_ID, 1));
    }

    @Test
    void aDeletionOfTheUserEndsTheSagaAndCancelsItsDeadline() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(new UserDeleted(USER_ID, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoAssociationWith("userId", USER_ID)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDeletionAfterOneConfirmationEndsTheSagaToo() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(new UserDeleted(USER_ID, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDeletedSagaSendsNothingWhenItsRetryTimePasses() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), new UserDeleted(USER_ID, List.of()))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands();
    }

    @Test
    void aDeletionWithoutADeactivationStartsNoSaga() {
        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(new UserDeleted(USER_ID, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDeletionThatRelinquishedRoomsHandsThemOverAndEndsWithoutAReceipt() {
        roomSteps.put(USER_ID, List.of(new HandOverRoom(ROOM_A, USER_ID, OTHER_USER_ID)));

        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(new UserDeleted(USER_ID, List.of(ROOM_A)))
                .expectActiveSagas(1)
                .expectAssociationWith("roomId", ROOM_A)
                .expectDispatchedCommands(new HandOverRoom(ROOM_A, USER_ID, OTHER_USER_ID));
    }

    @Test
    void aDeletionsSagaEndsOnceItsRoomsAreHandedOver() {
        roomSteps.put(USER_ID, List.of(new HandOverRoom(ROOM_A, USER_ID, OTHER_USER_ID)));

        fixture.givenAggregate(USER_ID).published(new UserDeleted(USER_ID, List.of(ROOM_A)))
                .whenAggregate(ROOM_A).publishes(new RoomOwnerAdded(ROOM_A, OTHER_USER_ID))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aDeletionDuringACleanupDropsTheCredentialStepsAndKeepsHandingTheRoomsOver() {
        roomSteps.put(USER_ID, List.of(new HandOverRoom(ROOM_A, USER_ID, OTHER_USER_ID)));

        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(new UserDeleted(USER_ID, List.of(ROOM_A)))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new HandOverRoom(ROOM_A, USER_ID, OTHER_USER_ID));
    }

    @Test
    void aDeletionSendsItsRoomStepsAgainUntilTheyAreConfirmed() {
        roomSteps.put(USER_ID, List.of(new HandOverRoom(ROOM_A, USER_ID, OTHER_USER_ID)));

        fixture.givenAggregate(USER_ID).published(new UserDeleted(USER_ID, List.of(ROOM_A)))
                .whenTimeElapses(PAST_RETRY)
                .expectDispatchedCommands(new HandOverRoom(ROOM_A, USER_ID, OTHER_USER_ID));
    }

    @Test
    void aDeletionsRoomThatGotAnOwnerMeanwhileIsNotWaitedFor() {
        roomSteps.put(USER_ID, List.of(new HandOverRoom(ROOM_A, USER_ID, OTHER_USER_ID)));
        fixture.givenAggregate(USER_ID).published(new UserDeleted(USER_ID, List.of(ROOM_A)));
        roomSteps.put(USER_ID, List.of()); // someone else made an owner, unseen by this saga

        fixture.whenTimeElapses(PAST_RETRY)
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
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
                        loginTokensRevoked(OTHER_USER_ID, 1), oauthGrantsRevoked(OTHER_USER_ID, 1))
                .whenAggregate(OTHER_USER_ID).publishes(recorded(OTHER_USER_ID, 1))
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
    void afterASecondDeactivationBothConfirmationsOfTheNewerEpochSendItsReceipt() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), deactivated(USER_ID, 2),
                        oauthGrantsRevoked(USER_ID, 2))
                .whenAggregate(USER_ID).publishes(loginTokensRevoked(USER_ID, 2))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommandsMatching(onlyTheReceiptOf(USER_ID, 2));
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

    // --- handing rooms over --------------------------------------------------------------------------------------

    private static final String ROOM_A = "room-a";
    private static final String ROOM_B = "room-b";
    private static final HandOverRoom HAND_ROOM_A_TO_BOB = new HandOverRoom(ROOM_A, USER_ID, OTHER_USER_ID);
    private static final HandOverRoom DELETE_ROOM_B = new HandOverRoom(ROOM_B, USER_ID, null);

    private static UserDeactivated idleDeactivated(String userId, int epoch) {
        return new UserDeactivated(userId, false, epoch, false, null);
    }

    @Test
    void aDeactivationHandingRoomsOverSendsTheRoomStepsAfterTheRevocationSteps() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB, DELETE_ROOM_B));

        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(deactivated(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1), oauthStep(USER_ID, 1),
                        HAND_ROOM_A_TO_BOB, DELETE_ROOM_B)
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
        assertThat(roomStepsAskedAbout).containsExactly(USER_ID);
    }

    @Test
    void aDeactivationHandingRoomsOverAssociatesTheSagaWithEachRoom() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB, DELETE_ROOM_B));

        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(deactivated(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectAssociationWith("userId", USER_ID)
                .expectAssociationWith("roomId", ROOM_A)
                .expectAssociationWith("roomId", ROOM_B);
    }

    @Test
    void roomStepsAreSentByTheSystemWithDeactivationAsTheirCause() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB, DELETE_ROOM_B));

        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(deactivated(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommandsMatching(exactSequenceOf(
                        sentBySystemForDeactivation(loginTokenStep(USER_ID, 1)),
                        sentBySystemForDeactivation(oauthStep(USER_ID, 1)),
                        sentBySystemForDeactivation(HAND_ROOM_A_TO_BOB),
                        sentBySystemForDeactivation(DELETE_ROOM_B),
                        andNoMore()));
    }

    @Test
    void oneRoomHandedOverAndBothCredentialConfirmationsKeepTheSagaWaitingForTheOtherRoom() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB, DELETE_ROOM_B));

        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1))
                .andThenAggregate(ROOM_A).published(new RoomOwnerAdded(ROOM_A, OTHER_USER_ID))
                .whenAggregate(USER_ID).publishes(oauthGrantsRevoked(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("userId", USER_ID)
                .expectNoAssociationWith("roomId", ROOM_A)
                .expectAssociationWith("roomId", ROOM_B)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
    }

    @Test
    void theLastRoomDeletedAfterEverythingElseSendsTheReceipt() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB, DELETE_ROOM_B));

        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1))
                .andThenAggregate(ROOM_A).published(new RoomOwnerAdded(ROOM_A, OTHER_USER_ID))
                .andThenAggregate(USER_ID).published(oauthGrantsRevoked(USER_ID, 1))
                .whenAggregate(ROOM_B).publishes(new RoomDeleted(ROOM_B))
                .expectSuccessfulHandlerExecution()
                .expectNoAssociationWith("roomId", ROOM_B)
                .expectDispatchedCommandsMatching(onlyTheReceiptOf(USER_ID, 1));
    }

    @Test
    void bothRoomsDoneBeforeTheCredentialConfirmationsKeepTheSagaWaitingForThem() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB, DELETE_ROOM_B));

        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1))
                .andThenAggregate(ROOM_A).published(new RoomOwnerAdded(ROOM_A, OTHER_USER_ID))
                .whenAggregate(ROOM_B).publishes(new RoomDeleted(ROOM_B))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectNoAssociationWith("roomId", ROOM_A)
                .expectNoAssociationWith("roomId", ROOM_B)
                .expectScheduledDeadlineWithName(RETRY_AFTER, DeactivationSaga.RETRY);
    }

    @Test
    void anotherRoomsEventsDoNotCountAsAHandOver() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB));

        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1),
                        oauthGrantsRevoked(USER_ID, 1))
                .whenAggregate("room-z").publishes(new RoomDeleted("room-z"))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectAssociationWith("roomId", ROOM_A);
    }

    @Test
    void anIdleDeactivationNeitherAsksForRoomStepsNorSendsAny() {
        roomSteps.put(USER_ID, null);

        fixture.givenNoPriorActivity()
                .whenAggregate(USER_ID).publishes(idleDeactivated(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1), oauthStep(USER_ID, 1));
        assertThat(roomStepsAskedAbout).isEmpty();
    }

    @Test
    void anIdleDeactivationSendsItsReceiptAfterBothCredentialConfirmations() {
        roomSteps.put(USER_ID, null);

        fixture.givenAggregate(USER_ID).published(idleDeactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(oauthGrantsRevoked(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommandsMatching(onlyTheReceiptOf(USER_ID, 1));
        assertThat(roomStepsAskedAbout).isEmpty();
    }

    @Test
    void anIdleDeactivationsRetryDoesNotAskForRoomStepsEither() {
        roomSteps.put(USER_ID, null);

        fixture.givenAggregate(USER_ID).published(idleDeactivated(USER_ID, 1))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1), oauthStep(USER_ID, 1));
        assertThat(roomStepsAskedAbout).isEmpty();
    }

    @Test
    void theRetryPlansTheRoomsAgainAndSendsOnlyTheCurrentSteps() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB, DELETE_ROOM_B));
        var given = fixture.givenCurrentTime(START)
                .andThenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1),
                        oauthGrantsRevoked(USER_ID, 1));
        roomSteps.put(USER_ID, List.of(DELETE_ROOM_B)); // someone else took room a over meanwhile

        given.whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectTriggeredDeadlinesWithName(DeactivationSaga.RETRY)
                .expectDispatchedCommands(DELETE_ROOM_B)
                .expectActiveSagas(1)
                .expectNoAssociationWith("roomId", ROOM_A)
                .expectAssociationWith("roomId", ROOM_B)
                .expectScheduledDeadlineWithName(START.plus(RETRY_AFTER).plus(RETRY_AFTER), DeactivationSaga.RETRY);
        assertThat(roomStepsAskedAbout).containsExactly(USER_ID, USER_ID);
    }

    @Test
    void theRetrySendsTheUnconfirmedCredentialStepsWithTheCurrentRoomSteps() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB, DELETE_ROOM_B));
        var given = fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1));
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB));

        given.whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(oauthStep(USER_ID, 1), HAND_ROOM_A_TO_BOB)
                .expectActiveSagas(1)
                .expectAssociationWith("roomId", ROOM_A)
                .expectNoAssociationWith("roomId", ROOM_B);
    }

    @Test
    void aRetryFindingTheCredentialsConfirmedAndNoRoomLeftSendsTheReceipt() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB, DELETE_ROOM_B));
        var given = fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1),
                oauthGrantsRevoked(USER_ID, 1));
        roomSteps.put(USER_ID, List.of()); // the rooms were taken over outside the saga

        given.whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectTriggeredDeadlinesWithName(DeactivationSaga.RETRY)
                .expectDispatchedCommandsMatching(onlyTheReceiptOf(USER_ID, 1))
                .expectNoAssociationWith("roomId", ROOM_A)
                .expectNoAssociationWith("roomId", ROOM_B);
        assertThat(roomStepsAskedAbout).containsExactly(USER_ID, USER_ID);
    }

    @Test
    void aDeactivationWithNoRoomsToHandOverSendsItsReceiptAfterBothCredentialConfirmations() {
        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(oauthGrantsRevoked(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommandsMatching(onlyTheReceiptOf(USER_ID, 1));
        assertThat(roomStepsAskedAbout).containsExactly(USER_ID);
    }

    @Test
    void aDeletionOfTheUserEndsASagaStillWaitingForRooms() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB));

        fixture.givenAggregate(USER_ID).published(deactivated(USER_ID, 1), loginTokensRevoked(USER_ID, 1),
                        oauthGrantsRevoked(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(new UserDeleted(USER_ID, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(0)
                .expectNoAssociationWith("roomId", ROOM_A)
                .expectNoScheduledDeadlines();
    }

    /** A retry after a reactivation still plans the rooms the deactivation covered: those joined by then. */
    @Test
    void everyRoomPlanIsForTheRoomsJoinedByTheDeactivation() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB));

        fixture.givenCurrentTime(START)
                .andThenAggregate(USER_ID).published(deactivated(USER_ID, 1), new UserActivated(USER_ID))
                .whenTimeElapses(PAST_RETRY)
                .expectSuccessfulHandlerExecution()
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1), oauthStep(USER_ID, 1), HAND_ROOM_A_TO_BOB);
        assertThat(roomPlansAsOf).containsExactly(START, START);
    }

    @Test
    void roomsGivenUpByAnInactiveUserAreHandedOverInASagaThatEndsWithoutAReceipt() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB));

        fixture.givenAggregate(USER_ID).published(new UserRoomsRelinquished(USER_ID, 1))
                .whenAggregate(ROOM_A).publishes(new RoomOwnerAdded(ROOM_A, OTHER_USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void roomsGivenUpWhileAnIdleDeactivationCleansUpJoinItsSaga() {
        roomSteps.put(USER_ID, List.of(HAND_ROOM_A_TO_BOB));

        fixture.givenAggregate(USER_ID).published(idleDeactivated(USER_ID, 1))
                .whenAggregate(USER_ID).publishes(new UserRoomsRelinquished(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectActiveSagas(1)
                .expectDispatchedCommands(loginTokenStep(USER_ID, 1), oauthStep(USER_ID, 1), HAND_ROOM_A_TO_BOB);
    }
}
