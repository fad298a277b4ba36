package chat.lifecycle.app.user;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Login;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.ServerProcess;
import chat.lifecycle.app.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two server processes on one database, as behind a round-robin proxy, moving one user's status in turn. Each
 * {@code users.setActiveStatus} answers the status its own command left (taken from its write where it changed the
 * status, read where it changed nothing), not the one an earlier answer of the same node gave, and the other node's
 * read model shows it as soon as the answer arrives.
 */
class StatusAnswerAcrossNodesTest extends IntegrationTest {

    private ServerProcess otherNode;

    @AfterEach
    void stopOtherNode() throws InterruptedException {
        if (otherNode != null) {
            otherNode.stop();
        }
    }

    @Test
    void eachAnswerIsTheStatusItsCommandLeftWhicheverNodeMovedItBefore() throws Exception {
        String userId = api.createUser(admin, unique("turns"), "pw-turns-1");
        otherNode = ServerProcess.start("status-answer-node", TestDatabase.get(),
                ServerProcess.signsIn(ADMIN, ADMIN_PASSWORD));
        Api other = new Api(otherNode.port());
        Login adminThere = other.login(ADMIN, ADMIN_PASSWORD);

        assertAnswered(api.setActiveStatus(admin, userId, false), userId, false);
        assertShown(other, adminThere, userId, false);

        assertAnswered(other.setActiveStatus(adminThere, userId, true), userId, true);
        assertShown(api, admin, userId, true);

        // this node's cached user is older than the other node's change
        assertAnswered(api.setActiveStatus(admin, userId, false), userId, false);
        assertAnswered(api.setActiveStatus(admin, userId, false), userId, false); // changes nothing: read back
        assertShown(other, adminThere, userId, false);

        assertAnswered(other.setActiveStatus(adminThere, userId, true), userId, true);
        // changes nothing here: read back, where this node's last answers said inactive
        assertAnswered(api.setActiveStatus(admin, userId, true), userId, true);
    }

    private static void assertAnswered(Reply reply, String userId, boolean active) {
        assertThat(reply.status()).as("answer %s", reply.raw()).isEqualTo(200);
        assertThat(reply.body().path("user").path("_id").asText()).isEqualTo(userId);
        assertThat(reply.body().path("user").path("active").asBoolean(!active)).as("answer %s", reply.raw())
                .isEqualTo(active);
    }

    private static void assertShown(Api node, Login as, String userId, boolean active) {
        Reply info = node.get("/api/v1/users.info?userId=" + userId, as);
        assertThat(info.body().path("user").path("active").asBoolean(!active)).as("users.info %s", info.raw())
                .isEqualTo(active);
    }
}
