package chat.lifecycle.app.deactivation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import chat.lifecycle.app.support.Api;
import chat.lifecycle.app.support.IntegrationTest;
import chat.lifecycle.app.support.RoundTripCounter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a status change costs the database in round trips, counted on the request's thread: the authentication's
 * read; the live credential check, whose statement also carries what the deactivation's handling reads (the rooms
 * that depend on the user, whether they hold OAuth grants); and the commit, which carries every write.
 */
class StatusChangeRoundTripsTest extends IntegrationTest {

    @Test
    void aDeactivationAndAReactivationTakeThreeRoundTripsEach() {
        assumeFalse(SPLIT, "the split deployment's servers are processes of their own");
        toggle(user()); // a first toggle may fill caches
        String user = user();
        RoundTripCounter.takeCount();

        List<Integer> roundTrips = toggle(user);

        assertThat(roundTrips).as("deactivation, reactivation").containsExactly(3, 3);
    }

    /** A user with a login token, the status change's usual case. */
    private String user() {
        String name = unique("counted");
        String user = api.createUser(admin, name, "pw-" + name);
        api.login(name, "pw-" + name);
        return user;
    }

    private List<Integer> toggle(String user) {
        Api.Reply deactivated = api.setActiveStatus(admin, user, false);
        assertThat(deactivated.status()).as(deactivated.raw()).isEqualTo(200);
        int deactivation = RoundTripCounter.takeCount();
        Api.Reply reactivated = api.setActiveStatus(admin, user, true);
        assertThat(reactivated.status()).as(reactivated.raw()).isEqualTo(200);
        return List.of(deactivation, RoundTripCounter.takeCount());
    }
}
