package chat.lifecycle.command.oauth;

import chat.lifecycle.command.deactivation.DeactivationStep;
import chat.lifecycle.events.oauth.OAuthGrantsRevoked;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Deletes the OAuth codes and token pairs (one access and one refresh token each) of earlier credential epochs. */
@Component
public class OAuthGrantStep implements DeactivationStep<OAuthGrantsRevoked> {

    @Override
    public String name() {
        return "oauthGrants";
    }

    @Override
    public Class<OAuthGrantsRevoked> confirmation() {
        return OAuthGrantsRevoked.class;
    }

    @Override
    public Object command(String userId, int credentialEpoch) {
        return new RevokeStaleOAuthGrants(OAuthGrants.idOf(userId), userId, credentialEpoch);
    }

    @Override
    public Map<String, Integer> deleted(OAuthGrantsRevoked confirmation) {
        return Map.of("oauthAccessTokens", confirmation.tokenIds().size(),
                "oauthRefreshTokens", confirmation.tokenIds().size(),
                "oauthCodes", confirmation.codeIds().size());
    }
}
