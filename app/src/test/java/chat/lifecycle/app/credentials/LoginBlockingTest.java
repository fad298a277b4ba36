package chat.lifecycle.app.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.Api.Reply;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.ServerProcess;
import chat.lifecycle.app.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rocket.Chat's {@code Block_Multiple_Failed_Logins_*}: failed logins are counted in the database per login name and
 * per client address, and too many within the unblock time block the login, the right password included. Two
 * nodes of their own on the suite's database, with thresholds and times small enough for a test. They trust
 * X-Forwarded-For from 127.0.0.1 only, as the command side trusts the deployment's proxy: the tests' requests from
 * there play the proxy and say which client they forward; a request from [::1] is a client connected directly.
 */
class LoginBlockingTest extends IntegrationTest {

    private static final int USER_ATTEMPTS = 3;
    private static final int IP_ATTEMPTS = 5;
    /** Long enough for a loaded machine to fail its way to a block within it, short enough to wait once. */
    private static final long UNBLOCK_MILLIS = 10_000;
    private static final String WHITELISTED = "198.51.100.7";
    private static final String PASSWORD = "pw-blocked-1";
    private static final JsonNode BLOCKED_FOR_USER = blocked("user", "User");
    private static final JsonNode BLOCKED_FOR_IP = blocked("ip", "IP");
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private static ServerProcess node;
    private static ServerProcess otherNode;

    @BeforeAll
    static void startNodes() {
        node = start("login-blocking");
        otherNode = start("login-blocking-other");
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (ServerProcess server : new ServerProcess[] {node, otherNode}) {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    void aUserIsBlockedAfterTooManyFailedLoginsEvenWithTheRightPasswordOnEveryNode() {
        String name = newUser();
        String address = address();
        for (int i = 0; i < USER_ATTEMPTS; i++) {
            assertUnauthorized(login(node, address, name, "wrong-" + i));
        }

        Reply blocked = login(otherNode, address, name, PASSWORD);

        assertThat(blocked.status()).isEqualTo(401);
        assertThat(blocked.body()).isEqualTo(BLOCKED_FOR_USER);
        assertThat(login(node, address(), name, PASSWORD).body()).as("from another address")
                .isEqualTo(BLOCKED_FOR_USER);
        assertThat(login(node, address(), name.toUpperCase(), PASSWORD).body()).as("the name in capitals")
                .isEqualTo(BLOCKED_FOR_USER);
    }

    /** Both blocks at once, for one wait: the failures that made them age out of the unblock time. */
    @Test
    void theBlocksLiftOnceTheUnblockTimeHasPassed() throws InterruptedException {
        String name = newUser();
        String blockedAddress = address();
        for (int i = 0; i < USER_ATTEMPTS; i++) {
            assertUnauthorized(login(node, address(), name, "wrong-" + i));
        }
        for (int i = 0; i < IP_ATTEMPTS; i++) {
            assertUnauthorized(login(node, blockedAddress, unique("guess"), "wrong"));
        }
        assertThat(login(node, address(), name, PASSWORD).body()).isEqualTo(BLOCKED_FOR_USER);
        assertThat(login(node, blockedAddress, unique("guess"), PASSWORD).body()).isEqualTo(BLOCKED_FOR_IP);

        Thread.sleep(UNBLOCK_MILLIS + 500);

        assertThat(login(node, address(), name, PASSWORD).status()).as("the user").isEqualTo(200);
        assertThat(login(node, blockedAddress, name, PASSWORD).status()).as("the address").isEqualTo(200);
    }

    @Test
    void aSuccessfulLoginResetsTheCount() {
        String name = newUser();
        String address = address();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < USER_ATTEMPTS - 1; i++) {
                assertUnauthorized(login(node, address, name, "wrong-" + i));
            }
            assertThat(login(round == 0 ? node : otherNode, address, name, PASSWORD).status())
                    .as("round %d", round).isEqualTo(200);
        }
        for (int i = 0; i < USER_ATTEMPTS; i++) {
            assertUnauthorized(login(node, address, name, "wrong-" + i));
        }
        assertThat(login(node, address, name, PASSWORD).body()).as("counted again from 0")
                .isEqualTo(BLOCKED_FOR_USER);
    }

    @Test
    void anUnknownUserIsAnsweredExactlyLikeAKnownOne() {
        String known = newUser();
        String unknown = unique("nobody");
        for (int i = 0; i <= USER_ATTEMPTS; i++) {
            Reply ofKnown = login(node, address(), known, "wrong-" + i);
            Reply ofUnknown = login(node, address(), unknown, "wrong-" + i);

            assertThat(ofUnknown.status()).as("attempt %d", i).isEqualTo(ofKnown.status());
            assertThat(ofUnknown.body()).as("attempt %d", i).isEqualTo(ofKnown.body());
        }
        assertThat(login(node, address(), unknown, PASSWORD).body()).isEqualTo(BLOCKED_FOR_USER);
    }

    @Test
    void anAddressIsBlockedAfterTooManyFailedLoginsAcrossUsers() {
        String name = newUser();
        String address = address();
        for (int i = 0; i < IP_ATTEMPTS; i++) {
            assertUnauthorized(login(node, address, unique("guess"), "wrong"));
        }

        Reply blocked = login(otherNode, address, name, PASSWORD);

        assertThat(blocked.status()).isEqualTo(401);
        assertThat(blocked.body()).isEqualTo(BLOCKED_FOR_IP);
        assertThat(login(node, address(), name, PASSWORD).status()).as("from another address").isEqualTo(200);
    }

    @Test
    void aWhitelistedAddressIsNotBlocked() {
        String name = newUser();
        String other = address();
        for (int i = 0; i <= IP_ATTEMPTS; i++) {
            assertUnauthorized(login(node, WHITELISTED, unique("guess"), "wrong"));
            login(node, other, unique("guess"), "wrong");
        }

        assertThat(login(node, WHITELISTED, name, PASSWORD).status()).isEqualTo(200);
        assertThat(login(node, other, name, PASSWORD).body()).as("another address").isEqualTo(BLOCKED_FOR_IP);
    }

    /** A client connected directly cannot pick the address it is counted under: X-Forwarded-For is not its to set. */
    @Test
    void aClientCannotEscapeTheBlockOfItsAddressWithForwardedFor() {
        assumeTrue(ipv6Loopback(), "needs [::1] to connect from another address than the trusted 127.0.0.1");
        Api direct = new Api("[::1]", node.port());
        String name = newUser();
        for (int i = 0; i < IP_ATTEMPTS; i++) {
            assertUnauthorized(login(direct, address(), unique("guess"), "wrong"));
        }

        assertThat(login(direct, address(), name, PASSWORD).body()).isEqualTo(BLOCKED_FOR_IP);
    }

    private static ServerProcess start(String name) {
        try {
            return ServerProcess.start(name, TestDatabase.get(),
                    client -> client.get("/api/v1/me", null).status() == 401,
                    "--lifecycle.login.block.enabled=true",
                    "--lifecycle.login.block.user.attempts=" + USER_ATTEMPTS,
                    "--lifecycle.login.block.user.unblock-after=" + UNBLOCK_MILLIS + "ms",
                    "--lifecycle.login.block.ip.attempts=" + IP_ATTEMPTS,
                    "--lifecycle.login.block.ip.unblock-after=" + UNBLOCK_MILLIS + "ms",
                    "--lifecycle.login.block.ip.whitelist=192.0.2.1," + WHITELISTED,
                    "--server.forward-headers-strategy=native",
                    "--server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String newUser() {
        String name = unique("blocked");
        api.createUser(admin, name, PASSWORD);
        return name;
    }

    /** A client address of its own for each call (TEST-NET-3), so that tests do not count against each other. */
    private static String address() {
        int n = ADDRESSES.incrementAndGet();
        assertThat(n).as("addresses in TEST-NET-3").isLessThan(255);
        return "203.0.113." + n;
    }

    private static Reply login(ServerProcess server, String forwardedFor, String user, String password) {
        return login(new Api(server.port()), forwardedFor, user, password);
    }

    private static Reply login(Api via, String forwardedFor, String user, String password) {
        return via.postRaw("/api/v1/login", Api.json("user", user, "password", password), null,
                "Content-Type", "application/json", "X-Forwarded-For", forwardedFor);
    }

    private static void assertUnauthorized(Reply reply) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(401);
        assertThat(reply.text("message")).as(reply.raw()).isEqualTo("Unauthorized");
    }

    private static JsonNode blocked(String reason, String subject) {
        return Api.parse("{\"success\":false,\"error\":\"error-login-blocked-for-" + reason + "\",\"status\":\"error\","
                + "\"details\":{\"function\":\"Accounts.validateLoginAttempt\"},"
                + "\"message\":\"Login has been temporarily blocked For " + subject + "\"}");
    }

    private static boolean ipv6Loopback() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName("::1"), node.port()), 2_000);
            return true;
        } catch (IOException unavailable) {
            return false;
        }
    }
}
