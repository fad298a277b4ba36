package chat.lifecycle.command.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.events.user.LoginTokensRevoked;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoginTokenStepTest {

    private final LoginTokenStep step = new LoginTokenStep();

    @Test
    void itRevokesTheStaleLoginTokensOfTheEpoch() {
        assertThat(step.command("u-1", 3)).isEqualTo(new RevokeStaleLoginTokens("u-1", 3));
        assertThat(step.confirmation()).isEqualTo(LoginTokensRevoked.class);
    }

    @Test
    void itCountsPersonalAccessTokensApartFromLoginTokens() {
        var deleted = step.deleted(new LoginTokensRevoked("u-1", List.of("pat-a", "t-1", "t-2"), 1, List.of("pat-a")));

        assertThat(deleted).containsEntry("loginTokens", 2).containsEntry("personalAccessTokens", 1).hasSize(2);
    }

    @Test
    void aConfirmationOfRevision1CountsEveryTokenAsALoginTokenAndPersonalOnesAsUnknown() {
        var deleted = step.deleted(new LoginTokensRevoked("u-1", List.of("t-1", "t-2"), 1, null));

        assertThat(deleted).containsEntry("loginTokens", 2).containsEntry("personalAccessTokens", null);
    }
}
