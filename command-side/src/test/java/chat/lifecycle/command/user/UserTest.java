package chat.lifecycle.command.user;

import static chat.lifecycle.command.user.UserRuleViolation.Rule.ALREADY_IN_ROLE;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.LAST_ACTIVE_ADMIN;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.LAST_OWNER_OF_ROOMS;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.TOKEN_NAME_TAKEN;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.TOKEN_NOT_FOUND;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.USER_IS_FEDERATED;
import static chat.lifecycle.command.user.UserRuleViolation.Rule.USER_NOT_ACTIVATED;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.command.credentials.IssueLoginToken;
import chat.lifecycle.command.credentials.IssuePersonalAccessToken;
import chat.lifecycle.command.credentials.RemovePersonalAccessToken;
import chat.lifecycle.command.credentials.RevokeLoginToken;
import chat.lifecycle.command.credentials.RevokeStaleLoginTokens;
import chat.lifecycle.events.user.LoginTokenIssued;
import chat.lifecycle.events.user.LoginTokenRevoked;
import chat.lifecycle.events.user.LoginTokensRevoked;
import chat.lifecycle.events.user.PersonalAccessTokenIssued;
import chat.lifecycle.events.user.PersonalAccessTokenRemoved;
import chat.lifecycle.events.user.UserActivated;
import chat.lifecycle.events.user.UserCreated;
import chat.lifecycle.events.user.UserExternalIdChanged;
import chat.lifecycle.events.user.UserDeactivated;
import chat.lifecycle.events.user.UserRoomsRelinquished;
import chat.lifecycle.events.user.UserDeleted;
import chat.lifecycle.events.user.UserRoleAdded;
import chat.lifecycle.events.user.UserRoleRemoved;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import chat.lifecycle.command.deactivation.RecordDeactivationCleanup;
import chat.lifecycle.events.user.DeactivationCleanupCompleted;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UserTest {

    private static final String USER_ID = "aliceId";
    private static final String PASSWORD_HASH = "$2a$10$notARealBcryptHashButGoodEnough";

    private FixtureConfiguration<User> fixture;

    /**
     * What the fake {@link ActiveAdmins} answers. Left {@code null}, the aggregate is not supposed to ask at all, and
     * asking fails the test.
     */
    private Boolean anotherActiveAdminExists;
    private final List<String> askedAbout = new ArrayList<>();

    private static final RoomsToHandOver.HandOver NO_ROOMS =
            new RoomsToHandOver.HandOver(List.of(), List.of(), List.of());

    /**
     * What the fake {@link RoomsToHandOver} answers: no rooms unless a test says otherwise. Set to {@code null}, the
     * aggregate is not supposed to ask at all, and asking fails the test.
     */
    private RoomsToHandOver.HandOver roomsToRelinquish = NO_ROOMS;
    private final List<String> roomsAskedAbout = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource((ActiveAdmins) this::anyOtherActiveAdminThan);
        fixture.registerInjectableResource((RoomsToHandOver) this::roomsToRelinquishOf);
    }

    private RoomsToHandOver.HandOver roomsToRelinquishOf(String userId) {
        roomsAskedAbout.add(userId);
        if (roomsToRelinquish == null) {
            throw new AssertionError("RoomsToHandOver was asked about " + userId
                    + ", but this deactivation leaves the rooms alone");
        }
        return roomsToRelinquish;
    }

    private boolean anyOtherActiveAdminThan(String userId) {
        askedAbout.add(userId);
        if (anotherActiveAdminExists == null) {
            throw new AssertionError("ActiveAdmins was asked about " + userId
                    + ", but only an active admin needs the lookup");
        }
        return anotherActiveAdminExists;
    }

    private static UserCreated created(boolean active, String... roles) {
        return new UserCreated(USER_ID, "alice", "Alice", "alice@example.org", true, PASSWORD_HASH,
                Set.of(roles), active, "user", false);
    }

    private static UserCreated federatedUserCreated() {
        return new UserCreated(USER_ID, "alice", "Alice", "alice@example.org", true, PASSWORD_HASH,
                Set.of("user"), true, "user", true);
    }

    private static Matcher<Throwable> violationOf(UserRuleViolation.Rule rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable thrown) {
                return thrown instanceof UserRuleViolation violation && violation.rule() == rule;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a UserRuleViolation of rule ").appendValue(rule);
            }
        };
    }

    /** The receipt of the deactivation in that epoch, recorded. */
    private static DeactivationCleanupCompleted cleanedUp(int epoch) {
        return new DeactivationCleanupCompleted(USER_ID, epoch, Map.of(), List.of(), List.of(), List.of(),
                Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Nested
    class Creation {

        @Test
        void creatingAUserEmitsUserCreatedAsALocalNonFederatedUser() {
            fixture.givenNoPriorActivity()
                    .when(new CreateUser(USER_ID, "alice", "Alice", "alice@example.org", true, PASSWORD_HASH,
                            Set.of("user", "bot"), true, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserCreated(USER_ID, "alice", "Alice", "alice@example.org", true,
                            PASSWORD_HASH, Set.of("user", "bot"), true, "user", false));
        }

        @Test
        void creatingAnInactiveUserRecordsItInactive() {
            fixture.givenNoPriorActivity()
                    .when(new CreateUser(USER_ID, "alice", "Alice", "alice@example.org", false, PASSWORD_HASH,
                            Set.of("user"), false, false))
                    .expectEvents(new UserCreated(USER_ID, "alice", "Alice", "alice@example.org", false,
                            PASSWORD_HASH, Set.of("user"), false, "user", false));
        }

        @Test
        void creatingAFederatedUserRecordsItFederated() {
            fixture.givenNoPriorActivity()
                    .when(new CreateUser(USER_ID, "alice", "Alice", "alice@example.org", true, PASSWORD_HASH,
                            Set.of("user"), true, true))
                    .expectEvents(new UserCreated(USER_ID, "alice", "Alice", "alice@example.org", true,
                            PASSWORD_HASH, Set.of("user"), true, "user", true));
        }
    }

    @Nested
    class ExternalId {

        private final UserCreated created = new UserCreated(USER_ID, "alice", "Alice", "alice@example.org", true,
                PASSWORD_HASH, Set.of("user"), true, "user", false);

        @Test
        void aUserCreatedWithAnExternalIdRecordsItInTheSameCommit() {
            fixture.givenNoPriorActivity()
                    .when(new CreateUser(USER_ID, "alice", "Alice", "alice@example.org", true, PASSWORD_HASH,
                            Set.of("user"), true, false, "okta-00u1"))
                    .expectEvents(created, new UserExternalIdChanged(USER_ID, "okta-00u1"));
        }

        @Test
        void changingItRecordsTheNewValueAndARepeatRecordsNothing() {
            fixture.given(created, new UserExternalIdChanged(USER_ID, "a"))
                    .when(new ChangeExternalId(USER_ID, "b", null))
                    .expectEvents(new UserExternalIdChanged(USER_ID, "b"));
            fixture.given(created, new UserExternalIdChanged(USER_ID, "a"))
                    .when(new ChangeExternalId(USER_ID, "a", null))
                    .expectNoEvents();
        }

        @Test
        void removingItRecordsNull() {
            fixture.given(created, new UserExternalIdChanged(USER_ID, "a"))
                    .when(new ChangeExternalId(USER_ID, null, null))
                    .expectEvents(new UserExternalIdChanged(USER_ID, null));
        }
    }

    @Nested
    class ActiveStatus {

        @Test
        void deactivatingAnActiveUserOpensANewCredentialEpoch() {
            fixture.given(created(true, "user"))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectEvents(new UserDeactivated(USER_ID, false, 1, true, List.of()));
        }

        /** Nothing is left after the commit: the request has nothing to wait for. */
        @Test
        void aDeactivationThatRelinquishesNoRoomAnswersNoEpoch() {
            fixture.given(created(true, "user"))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectResultMessagePayload(null);
        }

        @Test
        void deactivationPassesConfirmRelinquishThrough() {
            fixture.given(created(true, "user"))
                    .when(new SetActiveStatus(USER_ID, false, true))
                    .expectEvents(new UserDeactivated(USER_ID, true, 1, true, List.of()));
        }

        @Test
        void eachDeactivationOpensTheEpochAfterThePreviousOne() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()), cleanedUp(1),
                            new UserActivated(USER_ID))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectEvents(new UserDeactivated(USER_ID, false, 2, true, List.of()));
        }

        /** The saga that still runs for the earlier one moves on to this one: one receipt covers both. */
        @Test
        void aDeactivationWhileAnEarlierOnesSagaStillRunsIsLeftToThatSaga() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of("room-1")),
                            new UserActivated(USER_ID))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectEvents(new UserDeactivated(USER_ID, false, 2, true, null))
                    .expectResultMessagePayload(2);
        }

        @Test
        void activatingAnInactiveUserEmitsUserActivated() {
            fixture.given(created(false, "user"))
                    .when(new SetActiveStatus(USER_ID, true, false))
                    .expectEvents(new UserActivated(USER_ID));
        }

        @Test
        void reactivatingADeactivatedUserEmitsUserActivated() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()))
                    .when(new SetActiveStatus(USER_ID, true, false))
                    .expectEvents(new UserActivated(USER_ID));
        }

        @Test
        void activatingAnActiveUserRecordsNothing() {
            fixture.given(created(true, "user"))
                    .when(new SetActiveStatus(USER_ID, true, false))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void deactivatingAnInactiveUserRecordsNothing() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void deactivatingAFederatedUserIsRefused() {
            fixture.given(federatedUserCreated())
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectException(UserRuleViolation.class)
                    .expectException(violationOf(USER_IS_FEDERATED))
                    .expectExceptionMessage("USER_IS_FEDERATED: " + USER_ID)
                    .expectNoEvents();
        }

        @Test
        void aFederatedUserIsRefusedEvenWhenTheStatusWouldNotChange() {
            fixture.given(federatedUserCreated())
                    .when(new SetActiveStatus(USER_ID, true, false))
                    .expectException(violationOf(USER_IS_FEDERATED))
                    .expectNoEvents();
        }
    }

    @Nested
    class LastActiveAdmin {

        @Test
        void theLastActiveAdminCannotBeDeactivated() {
            anotherActiveAdminExists = false;

            fixture.given(created(true, "user", User.ADMIN))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectException(violationOf(LAST_ACTIVE_ADMIN))
                    .expectExceptionMessage("LAST_ACTIVE_ADMIN: " + USER_ID)
                    .expectNoEvents();
            assertThat(askedAbout).containsExactly(USER_ID);
        }

        @Test
        void theLastActiveAdminCannotBeDeleted() {
            anotherActiveAdminExists = false;

            fixture.given(created(true, User.ADMIN))
                    .when(new DeleteUser(USER_ID, false))
                    .expectException(violationOf(LAST_ACTIVE_ADMIN))
                    .expectNoEvents();
            assertThat(askedAbout).containsExactly(USER_ID);
        }

        @Test
        void aRoleGrantedLaterMakesTheUserAnAdminToo() {
            anotherActiveAdminExists = false;

            fixture.given(created(true, "user"), new UserRoleAdded(USER_ID, User.ADMIN))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectException(violationOf(LAST_ACTIVE_ADMIN))
                    .expectNoEvents();
        }

        @Test
        void anAdminCanBeDeactivatedWhileAnotherAdminIsActive() {
            anotherActiveAdminExists = true;

            fixture.given(created(true, User.ADMIN))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectEvents(new UserDeactivated(USER_ID, false, 1, true, List.of()));
            assertThat(askedAbout).containsExactly(USER_ID);
        }

        @Test
        void anAdminCanBeDeletedWhileAnotherAdminIsActive() {
            anotherActiveAdminExists = true;

            fixture.given(created(true, User.ADMIN))
                    .when(new DeleteUser(USER_ID, false))
                    .expectEvents(new UserDeleted(USER_ID, List.of()))
                    .expectMarkedDeleted();
            assertThat(askedAbout).containsExactly(USER_ID);
        }

        @Test
        void anInactiveAdminCanBeDeletedWithoutAskingForOtherAdmins() {
            fixture.given(created(true, User.ADMIN), new UserDeactivated(USER_ID, false, 1, true, List.of()))
                    .when(new DeleteUser(USER_ID, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDeleted(USER_ID, List.of()));
            assertThat(askedAbout).isEmpty();
        }

        @Test
        void aNonAdminIsDeactivatedWithoutAskingForOtherAdmins() {
            fixture.given(created(true, "user"))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDeactivated(USER_ID, false, 1, true, List.of()));
            assertThat(askedAbout).isEmpty();
        }

        @Test
        void aNonAdminIsDeletedWithoutAskingForOtherAdmins() {
            fixture.given(created(true, "user"))
                    .when(new DeleteUser(USER_ID, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDeleted(USER_ID, List.of()));
            assertThat(askedAbout).isEmpty();
        }

        @Test
        void activatingAnAdminDoesNotAskForOtherAdmins() {
            fixture.given(created(false, User.ADMIN))
                    .when(new SetActiveStatus(USER_ID, true, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserActivated(USER_ID));
            assertThat(askedAbout).isEmpty();
        }
    }

    @Nested
    class LastOwnerOfRooms {

        private final RoomsToHandOver.HandOver twoRooms = new RoomsToHandOver.HandOver(
                List.of("secret-group"), List.of("general", "random"), List.of("room-1", "room-2", "room-3"));

        /** A {@link UserRuleViolation} of the last-owner rule naming exactly these rooms. */
        private Matcher<Throwable> lastOwnerOf(List<String> shouldBeRemoved, List<String> shouldChangeOwner) {
            return new TypeSafeMatcher<>() {
                @Override
                protected boolean matchesSafely(Throwable thrown) {
                    return thrown instanceof UserRuleViolation violation
                            && violation.rule() == LAST_OWNER_OF_ROOMS
                            && USER_ID.equals(violation.subject())
                            && violation.rooms() != null
                            && shouldBeRemoved.equals(violation.rooms().shouldBeRemoved())
                            && shouldChangeOwner.equals(violation.rooms().shouldChangeOwner());
                }

                @Override
                public void describeTo(Description description) {
                    description.appendText("a UserRuleViolation of rule LAST_OWNER_OF_ROOMS for ").appendValue(USER_ID)
                            .appendText(" with rooms to remove ").appendValue(shouldBeRemoved)
                            .appendText(" and rooms to change owner ").appendValue(shouldChangeOwner);
                }
            };
        }

        @Test
        void deactivatingTheSoleOwnerOfRoomsWithoutConfirmRelinquishIsRefusedNamingTheRooms() {
            roomsToRelinquish = twoRooms;

            fixture.given(created(true, "user"))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectException(violationOf(LAST_OWNER_OF_ROOMS))
                    .expectException(lastOwnerOf(List.of("secret-group"), List.of("general", "random")))
                    .expectExceptionMessage("LAST_OWNER_OF_ROOMS: " + USER_ID)
                    .expectNoEvents();
            assertThat(roomsAskedAbout).containsExactly(USER_ID);
        }

        @Test
        void aRefusalListsTheRoomsToDeleteEvenWithNoneToHandOver() {
            roomsToRelinquish = new RoomsToHandOver.HandOver(List.of("secret-group"), List.of(),
                    List.of("room-1"));

            fixture.given(created(true, "user"))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectException(lastOwnerOf(List.of("secret-group"), List.of()))
                    .expectNoEvents();
        }

        @Test
        void aRefusalListsTheRoomsToHandOverEvenWithNoneToDelete() {
            roomsToRelinquish = new RoomsToHandOver.HandOver(List.of(), List.of("general"),
                    List.of("room-1"));

            fixture.given(created(true, "user"))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectException(lastOwnerOf(List.of(), List.of("general")))
                    .expectNoEvents();
        }

        @Test
        void deactivatingTheSoleOwnerOfRoomsWithConfirmRelinquishHandsTheRoomsOver() {
            roomsToRelinquish = twoRooms;

            fixture.given(created(true, "user"))
                    .when(new SetActiveStatus(USER_ID, false, true))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDeactivated(USER_ID, true, 1, true, twoRooms.roomIds()))
                    .expectResultMessagePayload(1); // the epoch whose receipt the request waits for
        }

        @Test
        void aConfirmedDeactivationOfTheSoleOwnerOpensTheEpochAfterThePreviousOne() {
            roomsToRelinquish = twoRooms;

            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, true, 1, true, twoRooms.roomIds()),
                            cleanedUp(1), new UserActivated(USER_ID))
                    .when(new SetActiveStatus(USER_ID, false, true))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDeactivated(USER_ID, true, 2, true, twoRooms.roomIds()));
        }

        @Test
        void aUserOwningNoRoomAloneIsDeactivatedWithoutConfirmRelinquish() {
            fixture.given(created(true, "user"))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDeactivated(USER_ID, false, 1, true, List.of()));
            assertThat(roomsAskedAbout).containsExactly(USER_ID);
        }

        @Test
        void theLastActiveAdminRefusalWinsOverTheLastOwnerOne() {
            anotherActiveAdminExists = false;
            roomsToRelinquish = twoRooms;

            fixture.given(created(true, "user", User.ADMIN))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectException(violationOf(LAST_ACTIVE_ADMIN))
                    .expectExceptionMessage("LAST_ACTIVE_ADMIN: " + USER_ID)
                    .expectNoEvents();
        }

        @Test
        void theLastActiveAdminIsRefusedEvenWithConfirmRelinquish() {
            anotherActiveAdminExists = false;
            roomsToRelinquish = twoRooms;

            fixture.given(created(true, "user", User.ADMIN))
                    .when(new SetActiveStatus(USER_ID, false, true))
                    .expectException(violationOf(LAST_ACTIVE_ADMIN))
                    .expectNoEvents();
        }

        @Test
        void anAdminWithAnotherActiveAdminIsStillRefusedAsTheLastOwner() {
            anotherActiveAdminExists = true;
            roomsToRelinquish = twoRooms;

            fixture.given(created(true, "user", User.ADMIN))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectException(lastOwnerOf(List.of("secret-group"), List.of("general", "random")))
                    .expectNoEvents();
        }

        /** {@code roomsToRelinquish} null: asking {@link RoomsToHandOver} at all would fail the test. */
        @Test
        void activatingAUserDoesNotAskForTheirRooms() {
            roomsToRelinquish = null;

            fixture.given(created(false, "user"))
                    .when(new SetActiveStatus(USER_ID, true, false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserActivated(USER_ID));
            assertThat(roomsAskedAbout).isEmpty();
        }

        @Test
        void deactivatingAnInactiveUserWhoseRoomsNoLongerDependOnThemRecordsNothing() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void deactivatingAnIdleDeactivatedUserWhoseRoomsStillDependOnThemAppliesTheLastOwnerRule() {
            roomsToRelinquish = twoRooms;

            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, false, List.of()))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectException(UserRuleViolation.class)
                    .expectNoEvents();
        }

        @Test
        void withConfirmRelinquishTheRepeatGivesTheRoomsUp() {
            roomsToRelinquish = twoRooms;

            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, false, List.of()))
                    .when(new SetActiveStatus(USER_ID, false, true))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserRoomsRelinquished(USER_ID, 1));
        }

        @Test
        void anIdleDeactivationLeavesTheRoomsAloneWithoutAskingForThem() {
            roomsToRelinquish = null;

            fixture.given(created(true, "user"))
                    .when(new DeactivateIdleUser(USER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDeactivated(USER_ID, false, 1, false, List.of()))
                    .expectResultMessagePayloadMatching(org.hamcrest.Matchers.notNullValue());
            assertThat(roomsAskedAbout).isEmpty();
        }
        @Test
        void theSoleOwnerOfRoomsIsNotDeletedWithoutConfirmRelinquish() {
            roomsToRelinquish = twoRooms;

            fixture.given(created(true, "user"))
                    .when(new DeleteUser(USER_ID, false))
                    .expectException(lastOwnerOf(List.of("secret-group"), List.of("general", "random")))
                    .expectNoEvents();
        }

        @Test
        void aConfirmedDeletionOfTheSoleOwnerRecordsTheRoomsItRelinquished() {
            roomsToRelinquish = twoRooms;

            fixture.given(created(true, "user"))
                    .when(new DeleteUser(USER_ID, true))
                    .expectEvents(new UserDeleted(USER_ID, List.of("room-1", "room-2", "room-3")))
                    .expectResultMessagePayload(List.of("room-1", "room-2", "room-3"))
                    .expectMarkedDeleted();
        }
    }

    @Nested
    class SingleLoginTokens {

        @Test
        void issuingATokenToAnActiveUserRecordsItInTheCurrentEpoch() {
            fixture.given(created(true, "user"))
                    .when(new IssueLoginToken(USER_ID, "token-1", "hash-1"))
                    .expectEvents(new LoginTokenIssued(USER_ID, "token-1", "hash-1", 0));
        }

        @Test
        void aTokenIssuedAfterAReactivationBelongsToTheNewEpoch() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()), new UserActivated(USER_ID))
                    .when(new IssueLoginToken(USER_ID, "token-2", "hash-2"))
                    .expectEvents(new LoginTokenIssued(USER_ID, "token-2", "hash-2", 1));
        }

        @Test
        void issuingATokenToAnInactiveUserIsRefused() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()))
                    .when(new IssueLoginToken(USER_ID, "token-1", "hash-1"))
                    .expectException(violationOf(USER_NOT_ACTIVATED))
                    .expectExceptionMessage("USER_NOT_ACTIVATED: " + USER_ID)
                    .expectNoEvents();
        }

        @Test
        void revokingAKnownTokenEmitsLoginTokenRevokedWithItsId() {
            fixture.given(created(true, "user"), new LoginTokenIssued(USER_ID, "token-1", "hash-1", 0))
                    .when(new RevokeLoginToken(USER_ID, "hash-1"))
                    .expectEvents(new LoginTokenRevoked(USER_ID, "token-1"));
        }

        @Test
        void revokingAnUnknownTokenRecordsNothing() {
            fixture.given(created(true, "user"), new LoginTokenIssued(USER_ID, "token-1", "hash-1", 0))
                    .when(new RevokeLoginToken(USER_ID, "hash-unknown"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void revokingAnAlreadyRevokedTokenRecordsNothing() {
            fixture.given(created(true, "user"), new LoginTokenIssued(USER_ID, "token-1", "hash-1", 0))
                    .andGivenCommands(new RevokeLoginToken(USER_ID, "hash-1"))
                    .when(new RevokeLoginToken(USER_ID, "hash-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class StaleLoginTokens {

        /** Two tokens in epoch 0 (ids deliberately out of order), a deactivation, a reactivation, one token in 1. */
        private Object[] tokensAcrossTwoEpochs() {
            return new Object[] {
                    created(true, "user"),
                    new LoginTokenIssued(USER_ID, "token-b", "hash-b", 0),
                    new LoginTokenIssued(USER_ID, "token-a", "hash-a", 0),
                    new UserDeactivated(USER_ID, false, 1, true, List.of()),
                    new UserActivated(USER_ID),
                    new LoginTokenIssued(USER_ID, "token-c", "hash-c", 1)};
        }

        @Test
        void revokingStaleTokensListsOnlyTheTokensOfEarlierEpochsSorted() {
            fixture.given(tokensAcrossTwoEpochs())
                    .when(new RevokeStaleLoginTokens(USER_ID, 1))
                    .expectEvents(new LoginTokensRevoked(USER_ID, List.of("token-a", "token-b"), 1, List.of()))
                    .expectResultMessagePayload(
                            new LoginTokensRevoked(USER_ID, List.of("token-a", "token-b"), 1, List.of()));
        }

        @Test
        void repeatingStaleTokenRevocationForTheSameEpochRecordsNothing() {
            fixture.given(tokensAcrossTwoEpochs())
                    .andGivenCommands(new RevokeStaleLoginTokens(USER_ID, 1))
                    .when(new RevokeStaleLoginTokens(USER_ID, 1))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(null)
                    .expectNoEvents();
        }

        @Test
        void revokingStaleTokensWithoutAnyTokensConfirmsWithAnEmptyList() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()))
                    .when(new RevokeStaleLoginTokens(USER_ID, 1))
                    .expectEvents(new LoginTokensRevoked(USER_ID, List.of(), 1, List.of()));
        }

        @Test
        void revokingStaleTokensWithoutAnyTokensConfirmsOnlyOnce() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()))
                    .andGivenCommands(new RevokeStaleLoginTokens(USER_ID, 1))
                    .when(new RevokeStaleLoginTokens(USER_ID, 1))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(null)
                    .expectNoEvents();
        }

        @Test
        void aStaleTokenIsForgottenOnceRevoked() {
            fixture.given(tokensAcrossTwoEpochs())
                    .andGivenCommands(new RevokeStaleLoginTokens(USER_ID, 1))
                    .when(new RevokeLoginToken(USER_ID, "hash-a"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aTokenOfTheCurrentEpochSurvivesTheStaleRevocation() {
            fixture.given(tokensAcrossTwoEpochs())
                    .andGivenCommands(new RevokeStaleLoginTokens(USER_ID, 1))
                    .when(new RevokeLoginToken(USER_ID, "hash-c"))
                    .expectEvents(new LoginTokenRevoked(USER_ID, "token-c"));
        }
    }

    @Nested
    class PersonalAccessTokens {

        private PersonalAccessTokenIssued patIssued(String tokenId, String name, int epoch) {
            return new PersonalAccessTokenIssued(USER_ID, tokenId, name, "hash-" + tokenId, "last-" + tokenId, epoch);
        }

        private IssuePersonalAccessToken issuePat(String tokenId, String name) {
            return new IssuePersonalAccessToken(USER_ID, tokenId, name, "hash-" + tokenId, "last-" + tokenId);
        }

        @Test
        void issuingAPersonalAccessTokenToAnActiveUserRecordsItInTheCurrentEpoch() {
            fixture.given(created(true, "user"))
                    .when(issuePat("pat-1", "ci"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(patIssued("pat-1", "ci", 0));
        }

        @Test
        void aPersonalAccessTokenIssuedAfterAReactivationBelongsToTheNewEpoch() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()), new UserActivated(USER_ID))
                    .when(issuePat("pat-1", "ci"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(patIssued("pat-1", "ci", 1));
        }

        @Test
        void aVoidTokenOfAnOlderEpochNeitherBlocksItsNameNorIsRemovedByIt() {
            fixture.given(created(true, "user"), patIssued("pat-old", "ci", 0),
                            new UserDeactivated(USER_ID, false, 1, true, List.of()), new UserActivated(USER_ID))
                    .when(issuePat("pat-new", "ci"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(patIssued("pat-new", "ci", 1));
        }

        @Test
        void removingANameOnlyHeldByAVoidTokenIsRefused() {
            fixture.given(created(true, "user"), patIssued("pat-old", "ci", 0),
                            new UserDeactivated(USER_ID, false, 1, true, List.of()), new UserActivated(USER_ID))
                    .when(new RemovePersonalAccessToken(USER_ID, "ci"))
                    .expectException(violationOf(TOKEN_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void issuingAPersonalAccessTokenToADeactivatedUserIsRefused() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()))
                    .when(issuePat("pat-1", "ci"))
                    .expectException(violationOf(USER_NOT_ACTIVATED))
                    .expectExceptionMessage("USER_NOT_ACTIVATED: " + USER_ID)
                    .expectNoEvents();
        }

        @Test
        void issuingAPersonalAccessTokenToAUserCreatedInactiveIsRefused() {
            fixture.given(created(false, "user"))
                    .when(issuePat("pat-1", "ci"))
                    .expectException(violationOf(USER_NOT_ACTIVATED))
                    .expectNoEvents();
        }

        @Test
        void aSecondTokenWithATakenNameIsRefused() {
            fixture.given(created(true, "user"), patIssued("pat-1", "ci", 0))
                    .when(issuePat("pat-2", "ci"))
                    .expectException(violationOf(TOKEN_NAME_TAKEN))
                    .expectExceptionMessage("TOKEN_NAME_TAKEN: ci")
                    .expectNoEvents();
        }

        @Test
        void tokensWithDifferentNamesCoexist() {
            fixture.given(created(true, "user"), patIssued("pat-1", "ci", 0))
                    .when(issuePat("pat-2", "deploy"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(patIssued("pat-2", "deploy", 0));
        }

        @Test
        void ordinaryLoginTokensDoNotTakeAnyName() {
            fixture.given(created(true, "user"), new LoginTokenIssued(USER_ID, "token-1", "hash-1", 0))
                    .when(issuePat("pat-1", "ci"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(patIssued("pat-1", "ci", 0));
        }

        @Test
        void removingAPersonalAccessTokenEmitsPersonalAccessTokenRemovedWithItsId() {
            fixture.given(created(true, "user"), patIssued("pat-1", "ci", 0), patIssued("pat-2", "deploy", 0))
                    .when(new RemovePersonalAccessToken(USER_ID, "deploy"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PersonalAccessTokenRemoved(USER_ID, "pat-2", "deploy"));
        }

        @Test
        void removingAnUnknownNameIsRefused() {
            fixture.given(created(true, "user"), patIssued("pat-1", "ci", 0))
                    .when(new RemovePersonalAccessToken(USER_ID, "deploy"))
                    .expectException(violationOf(TOKEN_NOT_FOUND))
                    .expectExceptionMessage("TOKEN_NOT_FOUND: deploy")
                    .expectNoEvents();
        }

        @Test
        void removingTheSameTokenTwiceIsRefusedTheSecondTime() {
            fixture.given(created(true, "user"), patIssued("pat-1", "ci", 0))
                    .andGivenCommands(new RemovePersonalAccessToken(USER_ID, "ci"))
                    .when(new RemovePersonalAccessToken(USER_ID, "ci"))
                    .expectException(violationOf(TOKEN_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void theNameOfARemovedTokenCanBeUsedAgain() {
            fixture.given(created(true, "user"), patIssued("pat-1", "ci", 0),
                            new PersonalAccessTokenRemoved(USER_ID, "pat-1", "ci"))
                    .when(issuePat("pat-2", "ci"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(patIssued("pat-2", "ci", 0));
        }

        @Test
        void aRemovedTokenIsForgottenAsALoginTokenToo() {
            fixture.given(created(true, "user"), patIssued("pat-1", "ci", 0),
                            new PersonalAccessTokenRemoved(USER_ID, "pat-1", "ci"))
                    .when(new RevokeLoginToken(USER_ID, "hash-pat-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theStaleRevocationAfterADeactivationListsPersonalAccessTokensOfTheOldEpochToo() {
            fixture.given(created(true, "user"),
                            new LoginTokenIssued(USER_ID, "token-b", "hash-b", 0),
                            patIssued("pat-a", "ci", 0),
                            new UserDeactivated(USER_ID, false, 1, true, List.of()))
                    .when(new RevokeStaleLoginTokens(USER_ID, 1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new LoginTokensRevoked(USER_ID, List.of("pat-a", "token-b"), 1, List.of("pat-a")));
        }

        @Test
        void aPersonalAccessTokenIssuedAfterTheReactivationIsNotListedAsStale() {
            fixture.given(created(true, "user"),
                            patIssued("pat-a", "ci", 0),
                            new UserDeactivated(USER_ID, false, 1, true, List.of()),
                            new UserActivated(USER_ID),
                            patIssued("pat-c", "deploy", 1))
                    .when(new RevokeStaleLoginTokens(USER_ID, 1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new LoginTokensRevoked(USER_ID, List.of("pat-a"), 1, List.of("pat-a")));
        }

        @Test
        void aPersonalAccessTokenIssuedAfterTheReactivationSurvivesTheStaleRevocation() {
            fixture.given(created(true, "user"),
                            patIssued("pat-a", "ci", 0),
                            new UserDeactivated(USER_ID, false, 1, true, List.of()),
                            new UserActivated(USER_ID),
                            patIssued("pat-c", "deploy", 1))
                    .andGivenCommands(new RevokeStaleLoginTokens(USER_ID, 1))
                    .when(new RemovePersonalAccessToken(USER_ID, "deploy"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PersonalAccessTokenRemoved(USER_ID, "pat-c", "deploy"));
        }

        @Test
        void aStalePersonalAccessTokenIsGoneOnceRevoked() {
            fixture.given(created(true, "user"),
                            patIssued("pat-a", "ci", 0),
                            new UserDeactivated(USER_ID, false, 1, true, List.of()),
                            new UserActivated(USER_ID))
                    .andGivenCommands(new RevokeStaleLoginTokens(USER_ID, 1))
                    .when(new RemovePersonalAccessToken(USER_ID, "ci"))
                    .expectException(violationOf(TOKEN_NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void theNameOfARevokedStaleTokenCanBeUsedAgain() {
            fixture.given(created(true, "user"),
                            patIssued("pat-a", "ci", 0),
                            new UserDeactivated(USER_ID, false, 1, true, List.of()),
                            new UserActivated(USER_ID))
                    .andGivenCommands(new RevokeStaleLoginTokens(USER_ID, 1))
                    .when(issuePat("pat-b", "ci"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(patIssued("pat-b", "ci", 1));
        }
    }

    @Nested
    class IdleDeactivation {

        @Test
        void anIdleActiveUserIsDeactivatedIntoTheNextEpochAndTheAnswerIsTrue() {
            fixture.given(created(true, "user"))
                    .when(new DeactivateIdleUser(USER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDeactivated(USER_ID, false, 1, false, List.of()))
                    .expectResultMessagePayload(true);
        }

        @Test
        void anIdleDeactivationOpensTheEpochAfterThePreviousOne() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()), cleanedUp(1),
                            new UserActivated(USER_ID))
                    .when(new DeactivateIdleUser(USER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new UserDeactivated(USER_ID, false, 2, false, List.of()))
                    .expectResultMessagePayload(true);
        }

        @Test
        void anInactiveUserRecordsNothingAndTheAnswerIsFalse() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()))
                    .when(new DeactivateIdleUser(USER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void aUserCreatedInactiveRecordsNothingAndTheAnswerIsFalse() {
            fixture.given(created(false, "user"))
                    .when(new DeactivateIdleUser(USER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void aRepeatedIdleDeactivationRecordsNothingTheSecondTime() {
            fixture.given(created(true, "user"))
                    .andGivenCommands(new DeactivateIdleUser(USER_ID))
                    .when(new DeactivateIdleUser(USER_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(false);
        }

        @Test
        void theLastActiveAdminIsNotDeactivatedForBeingIdle() {
            anotherActiveAdminExists = false;

            fixture.given(created(true, "user", User.ADMIN))
                    .when(new DeactivateIdleUser(USER_ID))
                    .expectException(violationOf(LAST_ACTIVE_ADMIN))
                    .expectNoEvents();
            assertThat(askedAbout).containsExactly(USER_ID);
        }

        @Test
        void anIdleAdminIsDeactivatedWhileAnotherAdminIsActive() {
            anotherActiveAdminExists = true;

            fixture.given(created(true, "user", User.ADMIN))
                    .when(new DeactivateIdleUser(USER_ID))
                    .expectEvents(new UserDeactivated(USER_ID, false, 1, false, List.of()))
                    .expectResultMessagePayload(true);
            assertThat(askedAbout).containsExactly(USER_ID);
        }

        /** {@code anotherActiveAdminExists} stays null: asking {@link ActiveAdmins} at all would fail the test. */
        @Test
        void anIdleNonAdminIsDeactivatedWithoutAskingForOtherAdmins() {
            fixture.given(created(true, "user"))
                    .when(new DeactivateIdleUser(USER_ID))
                    .expectEvents(new UserDeactivated(USER_ID, false, 1, false, List.of()));
            assertThat(askedAbout).isEmpty();
        }

        @Test
        void anIdleDeactivatedUserCannotBeIssuedATokenAnymore() {
            fixture.given(created(true, "user"))
                    .andGivenCommands(new DeactivateIdleUser(USER_ID))
                    .when(new IssueLoginToken(USER_ID, "token-1", "hash-1"))
                    .expectException(violationOf(USER_NOT_ACTIVATED))
                    .expectNoEvents();
        }

        @Test
        void theTokensOfAnIdleDeactivatedUserBecomeStale() {
            fixture.given(created(true, "user"), new LoginTokenIssued(USER_ID, "token-1", "hash-1", 0),
                            new PersonalAccessTokenIssued(USER_ID, "pat-1", "ci", "hash-pat-1", "last", 0))
                    .andGivenCommands(new DeactivateIdleUser(USER_ID))
                    .when(new RevokeStaleLoginTokens(USER_ID, 1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new LoginTokensRevoked(USER_ID, List.of("pat-1", "token-1"), 1, List.of("pat-1")));
        }
    }

    @Nested
    class Roles {

        @Test
        void addingARoleEmitsUserRoleAdded() {
            fixture.given(created(true, "user"))
                    .when(new AddRoleToUser(USER_ID, "bot"))
                    .expectEvents(new UserRoleAdded(USER_ID, "bot"));
        }

        @Test
        void addingTheSameRoleASecondTimeIsRefused() {
            fixture.given(created(true, "user"))
                    .andGivenCommands(new AddRoleToUser(USER_ID, "bot"))
                    .when(new AddRoleToUser(USER_ID, "bot"))
                    .expectException(violationOf(ALREADY_IN_ROLE))
                    .expectExceptionMessage("ALREADY_IN_ROLE: bot")
                    .expectNoEvents();
        }

        @Test
        void addingARoleGivenAtCreationIsRefused() {
            fixture.given(created(true, "user"))
                    .when(new AddRoleToUser(USER_ID, "user"))
                    .expectException(violationOf(ALREADY_IN_ROLE))
                    .expectNoEvents();
        }

        @Test
        void removingAHeldRoleEmitsUserRoleRemovedAndAnUnheldOneIsNoChange() {
            fixture.given(created(true, "user", "bot"))
                    .when(new RemoveRoleFromUser(USER_ID, "bot"))
                    .expectEvents(new UserRoleRemoved(USER_ID, "bot"));
            fixture.given(created(true, "user"), new UserRoleRemoved(USER_ID, "user"))
                    .when(new RemoveRoleFromUser(USER_ID, "user"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void theLastActiveAdminKeepsTheAdminRole() {
            anotherActiveAdminExists = false;
            fixture.given(created(true, "admin"))
                    .when(new RemoveRoleFromUser(USER_ID, "admin"))
                    .expectException(violationOf(LAST_ACTIVE_ADMIN))
                    .expectNoEvents();
            anotherActiveAdminExists = true;
            fixture.given(created(true, "admin"))
                    .when(new RemoveRoleFromUser(USER_ID, "admin"))
                    .expectEvents(new UserRoleRemoved(USER_ID, "admin"));
        }
    }

    @Nested
    class DeactivationReceipt {

        private DeactivationCleanupCompleted receipt(int epoch) {
            return new DeactivationCleanupCompleted(USER_ID, epoch, Map.of("loginTokens", 1), List.of(), List.of(),
                    List.of(), Instant.parse("2025-01-01T00:00:00Z"));
        }

        @Test
        void theReceiptIsRecordedOnTheUser() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 1, true, List.of()))
                    .when(new RecordDeactivationCleanup(USER_ID, receipt(1)))
                    .expectEvents(receipt(1));
        }

        @Test
        void aReceiptIsRecordedOnceAndNotForAnEpochAlreadyCovered() {
            fixture.given(created(true, "user"), new UserDeactivated(USER_ID, false, 2, true, List.of()), receipt(2))
                    .when(new RecordDeactivationCleanup(USER_ID, receipt(1)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Deletion {

        @Test
        void deletingAUserEmitsUserDeletedAndMarksTheAggregateDeleted() {
            fixture.given(created(true, "user"))
                    .when(new DeleteUser(USER_ID, false))
                    .expectEvents(new UserDeleted(USER_ID, List.of()))
                    .expectMarkedDeleted();
        }

        @Test
        void aDeletedUserAcceptsNoFurtherCommands() {
            fixture.givenCommands(
                            new CreateUser(USER_ID, "alice", "Alice", "alice@example.org", true, PASSWORD_HASH,
                                    Set.of("user"), true, false),
                            new DeleteUser(USER_ID, false))
                    .when(new SetActiveStatus(USER_ID, false, false))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }

        @Test
        void aDeletedUserCannotBeIssuedATokenEither() {
            fixture.given(created(true, "user"), new UserDeleted(USER_ID, List.of()))
                    .when(new IssueLoginToken(USER_ID, "token-1", "hash-1"))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }
}
