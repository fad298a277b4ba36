package chat.lifecycle.command.oauth;

import chat.lifecycle.command.config.CommandReadAhead;
import chat.lifecycle.command.deactivation.DeactivationStep;
import chat.lifecycle.events.oauth.OAuthGrantsRevoked;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Deletes the OAuth codes and token pairs (one access and one refresh token each) of earlier credential epochs. A user
 * with none in the lookups (most users) needs neither the command nor its event. A code whose issuing commits while
 * the deactivation runs may be missed: it is of the older epoch, so refused from the deactivation's commit on (as its
 * issuing is, by {@code LiveCredentialCheck}, once the deactivation has committed), and deleted at the next one.
 */
@Component
public class OAuthGrantStep implements DeactivationStep<OAuthGrantsRevoked> {

    private static final String HELD = OAuthGrantStep.class.getName() + ".held.";

    private final OAuthCredentials credentials;

    public OAuthGrantStep(OAuthCredentials credentials) {
        this.credentials = credentials;
    }

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
        return counts(confirmation.tokenIds().size(), confirmation.codeIds().size());
    }

    @Override
    public boolean nothingToDelete(String userId) {
        return !CommandReadAhead.<Boolean>take(HELD + userId).orElseGet(() -> credentials.anyHeldBy(userId));
    }

    /**
     * Queues the read {@link #nothingToDelete} makes, for a deactivation to come; after the user's credential lock,
     * held exclusively, so that it sees every grant whose issuing committed before it.
     */
    public void readAhead(String userId) {
        CommandReadAhead.keep(HELD + userId, credentials.anyHeldByLater(userId));
    }

    @Override
    public Map<String, Integer> nothingDeleted() {
        return counts(0, 0);
    }

    private static Map<String, Integer> counts(int pairs, int codes) {
        return Map.of("oauthAccessTokens", pairs, "oauthRefreshTokens", pairs, "oauthCodes", codes);
    }
}
