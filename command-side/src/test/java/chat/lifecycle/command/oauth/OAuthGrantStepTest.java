package chat.lifecycle.command.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import chat.lifecycle.events.oauth.OAuthGrantsRevoked;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthGrantStepTest {

    private final OAuthGrantStep step = new OAuthGrantStep(null); // the lookups are not asked here

    @Test
    void itRevokesTheStaleGrantsOnTheUsersGrantsAggregate() {
        assertThat(step.command("u-1", 2)).isEqualTo(new RevokeStaleOAuthGrants("oauth-grants:u-1", "u-1", 2));
        assertThat(step.confirmation()).isEqualTo(OAuthGrantsRevoked.class);
    }

    @Test
    void eachPairCountsAsOneAccessAndOneRefreshToken() {
        var deleted = step.deleted(new OAuthGrantsRevoked("u-1", List.of("c-1"), List.of("p-1", "p-2"), 1));

        assertThat(deleted).isEqualTo(Map.of("oauthAccessTokens", 2, "oauthRefreshTokens", 2, "oauthCodes", 1));
    }

    @Test
    void aStepWithNothingToDeleteCountsZeroOfEachKind() {
        assertThat(step.nothingDeleted())
                .isEqualTo(Map.of("oauthAccessTokens", 0, "oauthRefreshTokens", 0, "oauthCodes", 0));
    }
}
