package chat.lifecycle.command.room;

import static chat.lifecycle.command.room.RoomRuleViolation.Rule.ALREADY_OWNER;
import static chat.lifecycle.command.room.RoomRuleViolation.Rule.LAST_OWNER;
import static chat.lifecycle.command.room.RoomRuleViolation.Rule.NOT_AN_OWNER;
import static chat.lifecycle.command.room.RoomRuleViolation.Rule.NOT_A_MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.events.room.DirectMessageCreated;
import chat.lifecycle.events.room.RoomCreated;
import chat.lifecycle.events.room.RoomDeleted;
import chat.lifecycle.events.room.RoomMemberAdded;
import chat.lifecycle.events.room.RoomOwnerAdded;
import chat.lifecycle.events.room.RoomOwnerRemoved;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RoomTest {

    private static final String ROOM_ID = "room-1";
    private static final String ALICE = "aliceId";
    private static final String BOB = "bobId";
    private static final String CAROL = "carolId";

    private FixtureConfiguration<Room> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Room.class);
    }

    /** The events of a room of {@code type} created by alice, then each of {@code others} joining in order. */
    private static Object[] room(String type, String... others) {
        List<Object> events = new ArrayList<>(List.of(
                new RoomCreated(ROOM_ID, type, "general", ALICE, false),
                new RoomMemberAdded(ROOM_ID, ALICE),
                new RoomOwnerAdded(ROOM_ID, ALICE)));
        Arrays.stream(others).forEach(id -> events.add(new RoomMemberAdded(ROOM_ID, id)));
        return events.toArray();
    }

    private static Object[] channel(String... others) {
        return room(RoomCreated.PUBLIC, others);
    }

    private static Object[] group(String... others) {
        return room(RoomCreated.PRIVATE, others);
    }

    private static Object[] plus(Object[] events, Object... more) {
        List<Object> all = new ArrayList<>(List.of(events));
        all.addAll(List.of(more));
        return all.toArray();
    }

    private static Matcher<Throwable> violationOf(RoomRuleViolation.Rule rule) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable thrown) {
                return thrown instanceof RoomRuleViolation violation && violation.rule() == rule;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RoomRuleViolation of rule ").appendValue(rule);
            }
        };
    }

    @Nested
    class Creation {

        @Test
        void creatingARoomMakesTheCreatorItsFirstMemberAndOwnerThenAddsTheOtherMembersInOrder() {
            fixture.givenNoPriorActivity()
                    .when(new CreateRoom(ROOM_ID, RoomCreated.PRIVATE, "secret", ALICE, List.of(BOB, CAROL), true))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new RoomCreated(ROOM_ID, RoomCreated.PRIVATE, "secret", ALICE, true),
                            new RoomMemberAdded(ROOM_ID, ALICE),
                            new RoomOwnerAdded(ROOM_ID, ALICE),
                            new RoomMemberAdded(ROOM_ID, BOB),
                            new RoomMemberAdded(ROOM_ID, CAROL));
        }

        @Test
        void creatingARoomAddsARepeatedMemberOnceAndTheCreatorNotTwice() {
            fixture.givenNoPriorActivity()
                    .when(new CreateRoom(ROOM_ID, RoomCreated.PUBLIC, "general", ALICE,
                            List.of(BOB, ALICE, CAROL, BOB), false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new RoomCreated(ROOM_ID, RoomCreated.PUBLIC, "general", ALICE, false),
                            new RoomMemberAdded(ROOM_ID, ALICE),
                            new RoomOwnerAdded(ROOM_ID, ALICE),
                            new RoomMemberAdded(ROOM_ID, BOB),
                            new RoomMemberAdded(ROOM_ID, CAROL));
        }

        @Test
        void creatingARoomWithoutOtherMembersHasOnlyItsCreator() {
            fixture.givenNoPriorActivity()
                    .when(new CreateRoom(ROOM_ID, RoomCreated.PUBLIC, "general", ALICE, List.of(), false))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new RoomCreated(ROOM_ID, RoomCreated.PUBLIC, "general", ALICE, false),
                            new RoomMemberAdded(ROOM_ID, ALICE),
                            new RoomOwnerAdded(ROOM_ID, ALICE));
        }

        @Test
        void creatingADirectMessageRecordsItsUserIdsSorted() {
            String roomId = Room.directId(CAROL, ALICE);

            fixture.givenNoPriorActivity()
                    .when(new CreateDirectMessage(roomId, List.of(CAROL, ALICE)))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new DirectMessageCreated(roomId, List.of(ALICE, CAROL)));
        }

        @Test
        void theDirectMessageIdIsBothUserIdsSortedAndJoined() {
            assertThat(Room.directId(CAROL, ALICE)).isEqualTo(ALICE + CAROL);
            assertThat(Room.directId(ALICE, CAROL)).isEqualTo(ALICE + CAROL);
            assertThat(Room.directId("zed", "amy")).isEqualTo("amyzed");
            assertThat(Room.directId(ALICE, ALICE)).isEqualTo(ALICE + ALICE);
        }
    }

    @Nested
    class Members {

        @Test
        void addingANewMemberEmitsRoomMemberAdded() {
            fixture.given(channel())
                    .when(new AddRoomMember(ROOM_ID, BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomMemberAdded(ROOM_ID, BOB));
        }

        @Test
        void addingAMemberAgainRecordsNothing() {
            fixture.given(channel())
                    .andGivenCommands(new AddRoomMember(ROOM_ID, BOB))
                    .when(new AddRoomMember(ROOM_ID, BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void addingTheCreatorAsAMemberRecordsNothing() {
            fixture.given(channel())
                    .when(new AddRoomMember(ROOM_ID, ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void addingAParticipantToADirectMessageRecordsNothing() {
            fixture.given(new DirectMessageCreated(ALICE + BOB, List.of(ALICE, BOB)))
                    .when(new AddRoomMember(ALICE + BOB, BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Owners {

        @Test
        void aMemberCanBeMadeAnOwner() {
            fixture.given(channel(BOB))
                    .when(new AddRoomOwner(ROOM_ID, BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomOwnerAdded(ROOM_ID, BOB));
        }

        @Test
        void makingANonMemberAnOwnerIsRefused() {
            fixture.given(channel(BOB))
                    .when(new AddRoomOwner(ROOM_ID, CAROL))
                    .expectException(violationOf(NOT_A_MEMBER))
                    .expectExceptionMessage("NOT_A_MEMBER: " + CAROL)
                    .expectNoEvents();
        }

        @Test
        void makingAnOwnerAnOwnerAgainIsRefused() {
            fixture.given(channel(BOB))
                    .when(new AddRoomOwner(ROOM_ID, ALICE))
                    .expectException(violationOf(ALREADY_OWNER))
                    .expectExceptionMessage("ALREADY_OWNER: " + ALICE)
                    .expectNoEvents();
        }

        @Test
        void makingTheSameMemberAnOwnerTwiceIsRefusedTheSecondTime() {
            fixture.given(channel(BOB))
                    .andGivenCommands(new AddRoomOwner(ROOM_ID, BOB))
                    .when(new AddRoomOwner(ROOM_ID, BOB))
                    .expectException(violationOf(ALREADY_OWNER))
                    .expectNoEvents();
        }

        @Test
        void oneOfTwoOwnersCanLoseTheOwnerRole() {
            fixture.given(plus(channel(BOB), new RoomOwnerAdded(ROOM_ID, BOB)))
                    .when(new RemoveRoomOwner(ROOM_ID, ALICE))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomOwnerRemoved(ROOM_ID, ALICE));
        }

        @Test
        void removingTheOwnerRoleFromANonOwnerIsRefused() {
            fixture.given(channel(BOB))
                    .when(new RemoveRoomOwner(ROOM_ID, BOB))
                    .expectException(violationOf(NOT_AN_OWNER))
                    .expectExceptionMessage("NOT_AN_OWNER: " + BOB)
                    .expectNoEvents();
        }

        @Test
        void removingTheOwnerRoleFromANonMemberIsRefused() {
            fixture.given(channel(BOB))
                    .when(new RemoveRoomOwner(ROOM_ID, CAROL))
                    .expectException(violationOf(NOT_AN_OWNER))
                    .expectNoEvents();
        }

        @Test
        void theLastOwnerCannotLoseTheOwnerRole() {
            fixture.given(channel(BOB))
                    .when(new RemoveRoomOwner(ROOM_ID, ALICE))
                    .expectException(violationOf(LAST_OWNER))
                    .expectExceptionMessage("LAST_OWNER: " + ALICE)
                    .expectNoEvents();
        }

        @Test
        void anOwnerWhoseCoOwnerLeftTheRoleIsTheLastOwnerAgain() {
            fixture.given(plus(channel(BOB), new RoomOwnerAdded(ROOM_ID, BOB), new RoomOwnerRemoved(ROOM_ID, BOB)))
                    .when(new RemoveRoomOwner(ROOM_ID, ALICE))
                    .expectException(violationOf(LAST_OWNER))
                    .expectNoEvents();
        }

        @Test
        void aFormerOwnerCanBeMadeAnOwnerAgain() {
            fixture.given(plus(channel(BOB), new RoomOwnerAdded(ROOM_ID, BOB), new RoomOwnerRemoved(ROOM_ID, BOB)))
                    .when(new AddRoomOwner(ROOM_ID, BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomOwnerAdded(ROOM_ID, BOB));
        }
    }

    @Nested
    class HandOver {

        @Test
        void theSoleOwnerLeavingMakesTheMemberSuccessorAnOwnerAndKeepsTheirOwnRole() {
            fixture.given(channel(BOB, CAROL))
                    .when(new HandOverRoom(ROOM_ID, ALICE, BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomOwnerAdded(ROOM_ID, BOB));
        }

        @Test
        void aPrivateGroupIsHandedOverToItsMemberSuccessorToo() {
            fixture.given(group(BOB))
                    .when(new HandOverRoom(ROOM_ID, ALICE, BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomOwnerAdded(ROOM_ID, BOB));
        }

        @Test
        void aSuccessorWhoIsNotAMemberChangesNothing() {
            fixture.given(channel(BOB))
                    .when(new HandOverRoom(ROOM_ID, ALICE, CAROL))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aPrivateGroupWithoutASuccessorIsDeleted() {
            fixture.given(group(BOB))
                    .when(new HandOverRoom(ROOM_ID, ALICE, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomDeleted(ROOM_ID))
                    .expectMarkedDeleted();
        }

        @Test
        void aPublicChannelWithoutASuccessorIsLeftAlone() {
            fixture.given(channel(BOB))
                    .when(new HandOverRoom(ROOM_ID, ALICE, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aPublicChannelWhoseOnlyMemberIsLeavingIsLeftAlone() {
            fixture.given(channel())
                    .when(new HandOverRoom(ROOM_ID, ALICE, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aPrivateGroupWhoseOnlyMemberIsTheLeavingOwnerIsDeleted() {
            fixture.given(group())
                    .when(new HandOverRoom(ROOM_ID, ALICE, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomDeleted(ROOM_ID))
                    .expectMarkedDeleted();
        }

        /** Not reachable through the commands, so built from events: bob owns the group without being in it. */
        @Test
        void aPrivateGroupWhoseOnlyMemberIsLeavingIsDeletedEvenIfTheyDoNotOwnIt() {
            fixture.given(new RoomCreated(ROOM_ID, RoomCreated.PRIVATE, "secret", BOB, false),
                            new RoomOwnerAdded(ROOM_ID, BOB),
                            new RoomMemberAdded(ROOM_ID, ALICE))
                    .when(new HandOverRoom(ROOM_ID, ALICE, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomDeleted(ROOM_ID))
                    .expectMarkedDeleted();
        }

        @Test
        void aPrivateGroupWhoseOnlyMemberIsLeavingIsDeletedWhateverSuccessorIsNamed() {
            fixture.given(group())
                    .when(new HandOverRoom(ROOM_ID, ALICE, BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomDeleted(ROOM_ID));
        }

        @Test
        void aLeavingOwnerWithACoOwnerChangesNothing() {
            fixture.given(plus(group(BOB, CAROL), new RoomOwnerAdded(ROOM_ID, BOB)))
                    .when(new HandOverRoom(ROOM_ID, ALICE, CAROL))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aLeavingOwnerWithACoOwnerDoesNotDeleteAPrivateGroup() {
            fixture.given(plus(group(BOB), new RoomOwnerAdded(ROOM_ID, BOB)))
                    .when(new HandOverRoom(ROOM_ID, ALICE, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aLeavingMemberWhoOwnsNothingChangesNothing() {
            fixture.given(group(BOB, CAROL))
                    .when(new HandOverRoom(ROOM_ID, BOB, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        /** Its owner was deleted (still a member of the aggregate); the lookups found the member alone. */
        @Test
        void aMemberFoundAloneInAPrivateGroupDeletesItOwnerOrNot() {
            fixture.given(group(BOB))
                    .when(new HandOverRoom(ROOM_ID, BOB, null, true))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomDeleted(ROOM_ID));
        }

        @Test
        void aRepeatedHandOverAfterTheSuccessorBecameOwnerChangesNothing() {
            fixture.given(channel(BOB))
                    .andGivenCommands(new HandOverRoom(ROOM_ID, ALICE, BOB))
                    .when(new HandOverRoom(ROOM_ID, ALICE, BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aDirectMessageIsNeverHandedOverNorDeleted() {
            fixture.given(new DirectMessageCreated(ALICE + BOB, List.of(ALICE, BOB)))
                    .when(new HandOverRoom(ALICE + BOB, ALICE, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Deletion {

        @Test
        void deletingARoomEmitsRoomDeletedAndMarksItDeleted() {
            fixture.given(channel(BOB))
                    .when(new DeleteRoom(ROOM_ID))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RoomDeleted(ROOM_ID))
                    .expectMarkedDeleted();
        }

        @Test
        void aDeletedRoomRefusesNewMembers() {
            fixture.given(plus(channel(BOB), new RoomDeleted(ROOM_ID)))
                    .when(new AddRoomMember(ROOM_ID, CAROL))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }

        @Test
        void aDeletedRoomRefusesNewOwners() {
            fixture.given(plus(channel(BOB), new RoomDeleted(ROOM_ID)))
                    .when(new AddRoomOwner(ROOM_ID, BOB))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }

        @Test
        void aDeletedRoomCannotBeDeletedAgain() {
            fixture.given(plus(group(BOB), new RoomDeleted(ROOM_ID)))
                    .when(new DeleteRoom(ROOM_ID))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }

        @Test
        void aHandOverOfADeletedRoomIsRefused() {
            fixture.given(plus(group(), new RoomDeleted(ROOM_ID)))
                    .when(new HandOverRoom(ROOM_ID, ALICE, null))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }
}
