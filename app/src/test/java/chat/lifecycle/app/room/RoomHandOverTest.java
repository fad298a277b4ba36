package chat.lifecycle.app.room;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a deactivation does to rooms: the last-owner refusal, the hand-over, deletions, and DMs going read-only. */
class RoomHandOverTest extends IntegrationTest {

    @Test
    void theLastOwnerIsRefusedWithTheRoomsAndNothingChanges() {
        Member owner = member("owner");
        Member helper = member("helper");
        String pub = unique("pub");
        String alone = unique("alone");
        String shared = unique("shared");
        create("channels", owner, pub, helper);
        String aloneId = create("groups", owner, alone);
        create("groups", owner, shared, helper);

        Reply reply = api.setActiveStatus(admin, owner.id(), false);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo(Api.parse("{\"success\":false,\"error\":\"[user-last-owner]\","
                + "\"errorType\":\"user-last-owner\",\"details\":{\"shouldBeRemoved\":[\"" + alone + "\"],"
                + "\"shouldChangeOwner\":[\"" + pub + "\",\"" + shared + "\"]}}"));
        assertThat(active(owner.id())).isTrue();
        assertThat(api.get("/api/v1/me", owner.login()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/rooms.info?roomId=" + aloneId, admin).status()).isEqualTo(200);
    }

    @Test
    void withConfirmRelinquishTheEarliestJoinedActiveMemberBecomesOwner() {
        Member owner = member("owner");
        Member first = member("first");
        Member second = member("second");
        Member third = member("third");
        String channel = create("channels", owner, unique("handover"), first, second, third);
        api.setActiveStatus(admin, first.id(), false);

        Reply reply = confirmDeactivation(owner.id());

        assertThat(reply.status()).isEqualTo(200);
        await("second is an owner").atMost(Duration.ofSeconds(30))
                .until(() -> owners("channels", channel).contains(second.id()));
        assertThat(owners("channels", channel)).containsExactlyInAnyOrder(owner.id(), second.id());
    }

    @Test
    void privateGroupsLeftWithoutActiveMembersAreDeletedAndPublicOnesKept() {
        Member owner = member("owner");
        Member gone = member("gone");
        String alone = create("groups", owner, unique("solo"));
        String withInactive = create("groups", owner, unique("ghosts"), gone);
        String publicAlone = create("channels", owner, unique("lonely"));
        api.setActiveStatus(admin, gone.id(), false);

        assertThat(confirmDeactivation(owner.id()).status()).isEqualTo(200);

        await("private groups deleted").atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/rooms.info?roomId=" + alone, admin).status() == 400
                && api.get("/api/v1/rooms.info?roomId=" + withInactive, admin).status() == 400);
        assertThat(api.get("/api/v1/rooms.info?roomId=" + publicAlone, admin).status()).isEqualTo(200);
        assertThat(owners("channels", publicAlone)).containsExactly(owner.id());
    }

    @Test
    void deletingTheOwnerOfAPrivateGroupWhoseOtherMembersAreInactiveDeletesItBeforeThe200() {
        Member owner = member("owner");
        Member left = member("left");
        String group = create("groups", owner, unique("orphan"), left);
        api.setActiveStatus(admin, left.id(), false);

        Reply deleted = api.post("/api/v1/users.delete", "{\"userId\":\"" + owner.id()
                + "\",\"confirmRelinquish\":true}", admin);

        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(api.get("/api/v1/rooms.info?roomId=" + group, admin).status()).isEqualTo(400);
    }

    @Test
    void aPublicChannelWithNobodyElseNeverBlocks() {
        Member owner = member("owner");
        create("channels", owner, unique("quiet"));

        assertThat(api.setActiveStatus(admin, owner.id(), false).status()).isEqualTo(200);
    }

    @Test
    void directMessagesGoReadOnlyWhileEitherSideIsInactive() {
        Member alice = member("alice");
        Member bob = member("bob");
        Reply created = api.post("/api/v1/im.create", Api.json("username", bob.username()), alice.login());
        assertThat(created.status()).isEqualTo(200);
        String dm = created.text("room._id");
        assertThat(readOnly(dm)).isFalse();

        api.setActiveStatus(admin, alice.id(), false);
        assertThat(readOnly(dm)).isTrue();
        assertThat(archived(dm, bob.login())).isTrue();

        api.setActiveStatus(admin, bob.id(), false);
        api.setActiveStatus(admin, alice.id(), true);
        Login aliceAgain = api.login(alice.username(), "pw-" + alice.username());
        assertThat(readOnly(dm)).isTrue();
        assertThat(archived(dm, aliceAgain)).isTrue();

        api.setActiveStatus(admin, bob.id(), true);
        Login bobAgain = api.login(bob.username(), "pw-" + bob.username());
        assertThat(readOnly(dm)).isFalse();
        assertThat(archived(dm, aliceAgain)).isFalse();
        assertThat(archived(dm, bobAgain)).isFalse();
        assertThat(api.post("/api/v1/im.create", Api.json("username", bob.username()), aliceAgain).text("room._id"))
                .isEqualTo(dm);
    }

    @Test
    void aNoteToSelfIsARoomOfItsOwnArchivedWhileItsUserIsInactive() {
        Member alice = member("alice");
        Reply created = api.post("/api/v1/im.create", Api.json("username", alice.username()), alice.login());
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        String note = created.text("room._id");
        assertThat(note).isNotEqualTo(alice.id());
        assertThat(created.body().path("room").path("usernames").toString())
                .isEqualTo("[\"" + alice.username() + "\"]");
        assertThat(readOnly(note)).isFalse();

        api.setActiveStatus(admin, alice.id(), false);
        assertThat(readOnly(note)).isTrue();
        api.setActiveStatus(admin, alice.id(), true);
        Login aliceAgain = api.login(alice.username(), "pw-" + alice.username());
        assertThat(readOnly(note)).isFalse();
        assertThat(archived(note, aliceAgain)).isFalse();
        assertThat(api.post("/api/v1/im.create", Api.json("username", alice.username()), aliceAgain)
                .text("room._id")).isEqualTo(note);
    }

    @Test
    void idleDeactivationLeavesRoomsAlone() {
        Member owner = member("idle-owner");
        Member other = member("other");
        String channel = create("channels", owner, unique("kept"), other);
        api.post("/api/v1/roles.addUserToRole", Api.json("roleName", "auditor", "username", owner.username()), admin);

        Reply reply = api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":0,\"role\":\"auditor\"}", admin);

        assertThat(reply.body().path("count").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(active(owner.id())).isFalse();
        assertThat(owners("channels", channel)).containsExactly(owner.id());
    }

    @Test
    void aRepeatedDeactivationAfterAnIdleOneHandsTheRoomsOverAndOtherRepeatsStayNoOps() {
        Member owner = member("idle-owner");
        Member other = member("other");
        String channel = create("channels", owner, unique("later"), other);
        api.post("/api/v1/roles.addUserToRole", Api.json("roleName", "auditor", "username", owner.username()), admin);
        api.post("/api/v1/users.deactivateIdle", "{\"daysIdle\":0,\"role\":\"auditor\"}", admin);
        assertThat(active(owner.id())).isFalse();

        Reply refused = api.setActiveStatus(admin, owner.id(), false);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("errorType")).isEqualTo("user-last-owner");
        assertThat(owners("channels", channel)).containsExactly(owner.id());

        assertThat(confirmDeactivation(owner.id()).status()).isEqualTo(200);
        await("other is an owner").atMost(Duration.ofSeconds(30))
                .until(() -> owners("channels", channel).contains(other.id()));
        assertThat(confirmDeactivation(owner.id()).body()).isEqualTo(Api.parse("{\"user\":{\"_id\":\""
                + owner.id() + "\",\"active\":false},\"success\":true}"));
        assertThat(api.get("/api/v1/users.statusHistory?userId=" + owner.id(), admin).body().path("history"))
                .hasSize(2);
    }

    @Test
    void deletingTheLastOwnerIsRefusedUnlessConfirmedAndThenHandsTheRoomsOverBeforeThe200() {
        Member owner = member("doomed");
        Member heir = member("heir");
        String channel = create("channels", owner, unique("inherited"), heir);
        String alone = create("groups", owner, unique("solitary"));
        String kept = create("channels", owner, unique("kept"));

        Reply refused = api.post("/api/v1/users.delete", Api.json("userId", owner.id()), admin);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("errorType")).isEqualTo("user-last-owner");
        assertThat(refused.body().path("details").path("shouldChangeOwner").size()).isEqualTo(1);
        assertThat(refused.body().path("details").path("shouldBeRemoved").size()).isEqualTo(1);
        assertThat(api.get("/api/v1/me", owner.login()).status()).isEqualTo(200);

        Reply deleted = api.post("/api/v1/users.delete", "{\"userId\":\"" + owner.id()
                + "\",\"confirmRelinquish\":true}", admin);

        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(owners("channels", channel)).containsExactly(heir.id());
        assertThat(api.get("/api/v1/rooms.info?roomId=" + alone, admin).status()).isEqualTo(400);
        assertThat(owners("channels", kept)).isEmpty();
        assertThat(api.get("/api/v1/me", owner.login()).status()).isEqualTo(401);
    }

    private record Member(String id, String username, Login login) {
    }

    private Member member(String prefix) {
        String username = unique(prefix);
        String id = api.createUser(admin, username, "pw-" + username);
        return new Member(id, username, api.login(username, "pw-" + username));
    }

    private String create(String kind, Member owner, String name, Member... members) {
        String usernames = String.join(",", java.util.Arrays.stream(members)
                .map(member -> "\"" + member.username() + "\"").toList());
        Reply reply = api.post("/api/v1/" + kind + ".create", "{\"name\":\"" + name + "\",\"members\":["
                + usernames + "]}", owner.login());
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.text((kind.equals("channels") ? "channel" : "group") + "._id");
    }

    private Reply confirmDeactivation(String userId) {
        return api.post("/api/v1/users.setActiveStatus", "{\"userId\":\"" + userId + "\",\"activeStatus\":false,"
                + "\"confirmRelinquish\":true}", admin);
    }

    private List<String> owners(String kind, String roomId) {
        return api.get("/api/v1/" + kind + ".roles?roomId=" + roomId, admin).body().path("roles")
                .findValuesAsText("_id");
    }

    private boolean readOnly(String roomId) {
        return api.get("/api/v1/rooms.info?roomId=" + roomId, admin).body().path("room").path("ro").asBoolean();
    }

    private boolean archived(String roomId, Login as) {
        Reply reply = api.get("/api/v1/subscriptions.getOne?roomId=" + roomId, as);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.body().path("subscription").path("archived").asBoolean();
    }

    private boolean active(String userId) {
        return api.get("/api/v1/users.info?userId=" + userId, admin).body().path("user").path("active").asBoolean();
    }
}
