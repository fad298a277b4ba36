package chat.lifecycle.app.faults;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.app.faults.Population.Member;
import chat.lifecycle.app.support.Api;
import java.time.Duration;
import java.util.List;

/** What must hold after a fault, once the dust settles: nothing half-written, no saga left behind. */
final class Consistency {

    private static final String SAGA = "chat.lifecycle.command.deactivation.DeactivationSaga";

    private Consistency() {
    }

    /**
     * For every user, the read model ({@code user_view}) and the command side's lookup ({@code user_account}) hold
     * the status of the last status event in the store, and the status history has one row per status event.
     */
    static void assertReadModelsMatchTheStore(StoredStatus store) {
        var truth = store.lastEventOfEachUser();
        assertThat(store.readModel()).as("user_view against the last status event of each user").isEqualTo(truth);
        assertThat(store.lookup()).as("user_account against the last status event of each user").isEqualTo(truth);
        assertThat(store.count("""
                select count(*) from (
                  select aggregate_identifier as user_id, count(*) as events from domain_event_entry
                  where payload_type in ('chat.lifecycle.events.user.UserCreated', ?, ?) group by aggregate_identifier
                ) stored full join (
                  select user_id, count(*) as changes from user_status_change group by user_id
                ) audited using (user_id)
                where stored.events is distinct from audited.changes""", StoredStatus.ACTIVATED,
                StoredStatus.DEACTIVATED)).as("users whose status history differs from their status events").isZero();
    }

    /**
     * Every deactivation saga ends, and with it every credential of an older credential epoch is deleted: login
     * tokens (personal ones included), OAuth codes and tokens.
     */
    static void awaitSagasDone(StoredStatus store, Duration limit) {
        await("every deactivation saga ended").atMost(limit).until(() -> store.count(
                "select count(*) from saga_entry where saga_type = ?", SAGA) == 0
                && store.count("select count(*) from association_value_entry where saga_type = ?", SAGA) == 0);
        for (String table : List.of("login_token", "oauth_code", "oauth_token")) {
            assertThat(store.count("select count(*) from " + table + " c join user_account u on u.id = c.user_id "
                    + "where c.credential_epoch < u.credential_epoch")).as("stale rows left in %s", table).isZero();
        }
    }

    /**
     * A member's login token and OAuth access token work only if the member was never deactivated: any
     * deactivation, even one undone since, ends every credential issued before it.
     */
    static void assertOnlyNeverDeactivatedCredentialsWork(Api api, List<Member> members, StoredStatus store) {
        for (Member member : members) {
            boolean deactivated = store.changesOf(member.id()).contains(false);
            int expected = deactivated ? 401 : 200;
            assertThat(api.get("/api/v1/me", member.login()).status())
                    .as("login token of %s (deactivated: %s)", member.username(), deactivated).isEqualTo(expected);
            assertThat(api.getWith("/api/v1/me", "Authorization", "Bearer " + member.bearer()).status())
                    .as("OAuth token of %s (deactivated: %s)", member.username(), deactivated).isEqualTo(expected);
        }
    }
}
