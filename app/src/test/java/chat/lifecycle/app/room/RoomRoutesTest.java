package chat.lifecycle.app.room;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;

/** The channels.*, groups.*, im.create and rooms.info routes and their refusals. */
class RoomRoutesTest extends IntegrationTest {

    @Test
    void aChannelIsCreatedWithItsCreatorAsOwnerAndShownByRoomsInfo() {
        String name = unique("general");

        Reply created = api.post("/api/v1/channels.create", Api.json("name", name), admin);

        assertThat(created.status()).isEqualTo(200);
        String roomId = created.text("channel._id");
        assertThat(created.text("channel.t")).isEqualTo("c");
        Reply info = api.get("/api/v1/rooms.info?roomId=" + roomId, admin);
        assertThat(info.text("room.name")).isEqualTo(name);
        assertThat(info.body().path("room").path("ro").asBoolean(true)).isFalse();
        Reply roles = api.get("/api/v1/channels.roles?roomId=" + roomId, admin);
        assertThat(roles.body()).isEqualTo(Api.parse("{\"roles\":[{\"rid\":\"" + roomId + "\",\"u\":{\"_id\":\""
                + admin.userId() + "\",\"username\":\"admin\"},\"roles\":[\"owner\"]}],\"success\":true}"));
    }

    @Test
    void duplicateOrInvalidNamesAreRefused() {
        String name = unique("dup");
        api.post("/api/v1/channels.create", Api.json("name", name), admin);

        assertThat(api.post("/api/v1/groups.create", Api.json("name", name.toUpperCase()), admin).text("errorType"))
                .isEqualTo("error-duplicate-channel-name");
        assertThat(api.post("/api/v1/channels.create", Api.json("name", "no spaces"), admin).text("errorType"))
                .isEqualTo("error-invalid-room-name");
        assertThat(api.post("/api/v1/channels.create", "{}", admin).text("error"))
                .isEqualTo("must have required property 'name'\n[invalid-params]");
    }

    @Test
    void ownersAreAddedAndRemovedButNeverTheLastOne() {
        String name = unique("owned");
        String member = api.createUser(admin, unique("member"), "pw-member-1");
        String roomId = api.post("/api/v1/groups.create", Api.json("name", name), admin).text("group._id");
        String stranger = api.createUser(admin, unique("stranger"), "pw-stranger-1");

        assertThat(api.post("/api/v1/groups.removeOwner", Api.json("roomId", roomId, "userId", admin.userId()), admin)
                .text("errorType")).isEqualTo("error-remove-last-owner");
        assertThat(api.post("/api/v1/groups.addOwner", Api.json("roomId", roomId, "userId", stranger), admin)
                .text("errorType")).isEqualTo("error-user-not-in-room");
        assertThat(api.post("/api/v1/groups.invite", Api.json("roomId", roomId, "userId", member), admin).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/groups.addOwner", Api.json("roomId", roomId, "userId", member), admin).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/groups.addOwner", Api.json("roomId", roomId, "userId", member), admin)
                .text("errorType")).isEqualTo("error-user-already-owner");
        assertThat(api.post("/api/v1/groups.removeOwner", Api.json("roomId", roomId, "userId", admin.userId()), admin)
                .status()).isEqualTo(200);
        assertThat(api.get("/api/v1/groups.roles?roomId=" + roomId, admin).body().path("roles")
                .findValuesAsText("_id")).containsExactly(member);
        assertThat(api.post("/api/v1/channels.addOwner", Api.json("roomId", roomId, "userId", member), admin)
                .text("errorType")).isEqualTo("error-room-not-found");
    }

    @Test
    void aPlainMemberCannotManageOwnersOrDeleteButAnOwnerCan() {
        String name = unique("club");
        String username = unique("plain");
        String plain = api.createUser(admin, username, "pw-plain-1");
        Login plainLogin = api.login(username, "pw-plain-1");
        String roomId = api.post("/api/v1/channels.create", Api.json("name", name), admin).text("channel._id");
        assertThat(api.post("/api/v1/channels.join", Api.json("roomId", roomId), plainLogin).status()).isEqualTo(200);

        assertThat(api.post("/api/v1/channels.addOwner", Api.json("roomId", roomId, "userId", plain), plainLogin)
                .status()).isEqualTo(403);
        assertThat(api.post("/api/v1/channels.delete", Api.json("roomId", roomId), plainLogin).status())
                .isEqualTo(403);

        String own = api.post("/api/v1/channels.create", Api.json("name", unique("mine")), plainLogin)
                .text("channel._id");
        assertThat(api.post("/api/v1/channels.delete", Api.json("roomId", own), plainLogin).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/rooms.info?roomId=" + own, admin).status()).isEqualTo(400);
    }

    /**
     * {@code roles.addUserToRole} with a {@code roomId} makes the user an owner of that room, as
     * {@code groups.addOwner} does, and of no other: the owner role held everywhere let her delete any group.
     */
    @Test
    void theOwnerRoleGrantedWithARoomIdHoldsInThatRoomOnly() {
        String username = unique("scoped");
        String scoped = api.createUser(admin, username, "pw-scoped-1");
        Login scopedLogin = api.login(username, "pw-scoped-1");
        String mine = api.post("/api/v1/groups.create", "{\"name\":\"" + unique("room-a") + "\",\"members\":[\""
                + username + "\"]}", admin).text("group._id");
        String theirs = api.post("/api/v1/groups.create", Api.json("name", unique("room-b")), admin).text("group._id");

        Reply granted = api.post("/api/v1/roles.addUserToRole",
                Api.json("roleName", "owner", "username", username, "roomId", mine), admin);

        assertThat(granted.status()).isEqualTo(200);
        assertThat(api.post("/api/v1/groups.delete", Api.json("roomId", theirs), scopedLogin).status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/rooms.info?roomId=" + theirs, admin).status()).isEqualTo(200);
        assertThat(granted.text("role._id")).isEqualTo("owner");
        assertThat(granted.text("role.scope")).isEqualTo("Subscriptions");
        assertThat(api.get("/api/v1/groups.roles?roomId=" + mine, admin).body().path("roles")
                .findValuesAsText("_id")).contains(scoped);
        assertThat(api.get("/api/v1/users.info?userId=" + scoped, admin).body().path("user").path("roles")
                .toString()).doesNotContain("owner");
        assertThat(api.post("/api/v1/roles.addUserToRole",
                Api.json("roleName", "owner", "userId", scoped, "roomId", mine), admin).text("errorType"))
                .isEqualTo("error-user-already-in-role");
        String guest = api.createUser(admin, unique("guest"), "pw-guest-1");
        assertThat(api.post("/api/v1/groups.invite", Api.json("roomId", mine, "userId", guest), scopedLogin).status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/groups.delete", Api.json("roomId", mine), scopedLogin).status()).isEqualTo(200);
    }

    @Test
    void aRoomRoleIsNeverGrantedOutsideARoom() {
        String username = unique("unscoped");
        String user = api.createUser(admin, username, "pw-unscoped-1");
        String room = api.post("/api/v1/groups.create", Api.json("name", unique("closed")), admin).text("group._id");

        Reply global = api.post("/api/v1/roles.addUserToRole", Api.json("roleName", "owner", "username", username),
                admin);
        Reply notInRoom = api.post("/api/v1/roles.addUserToRole",
                Api.json("roleName", "owner", "username", username, "roomId", room), admin);

        assertThat(global.body()).isEqualTo(Api.parse("{\"success\":false,\"error\":\"The role owner is granted in "
                + "a room: roomId is required [error-invalid-role-scope]\",\"errorType\":\"error-invalid-role-scope\","
                + "\"details\":{\"method\":\"authorization:addUserToRole\"}}"));
        assertThat(notInRoom.body()).isEqualTo(Api.parse("{\"success\":false,\"error\":\"User is not part of given "
                + "room [error-invalid-user]\",\"errorType\":\"error-invalid-user\","
                + "\"details\":{\"method\":\"authorization:addUserToRole\"}}"));
        assertThat(api.get("/api/v1/users.info?userId=" + user, admin).body().path("user").path("roles").toString())
                .doesNotContain("owner");
        assertThat(api.get("/api/v1/groups.roles?roomId=" + room, admin).body().path("roles")
                .findValuesAsText("_id")).doesNotContain(user);
    }

    /** {@code users.create} takes any role, as Rocket.Chat does; a room role given so grants nothing anywhere. */
    @Test
    void aRoomRoleHeldOutsideAnyRoomGrantsNothing() {
        String username = unique("legacy-owner");
        api.createUser(admin, username, "pw-legacy-1", "user", "owner");
        String room = api.post("/api/v1/groups.create", Api.json("name", unique("kept")), admin).text("group._id");

        assertThat(api.post("/api/v1/groups.delete", Api.json("roomId", room), api.login(username, "pw-legacy-1"))
                .status()).isEqualTo(403);
        assertThat(api.get("/api/v1/rooms.info?roomId=" + room, admin).status()).isEqualTo(200);
    }
}
