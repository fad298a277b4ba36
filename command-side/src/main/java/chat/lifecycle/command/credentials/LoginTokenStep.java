package chat.lifecycle.command.credentials;

import chat.lifecycle.command.deactivation.DeactivationStep;
import chat.lifecycle.events.user.LoginTokensRevoked;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Deletes the user's login tokens and personal access tokens of earlier credential epochs. */
@Component
public class LoginTokenStep implements DeactivationStep<LoginTokensRevoked> {

    @Override
    public String name() {
        return "loginTokens";
    }

    @Override
    public Class<LoginTokensRevoked> confirmation() {
        return LoginTokensRevoked.class;
    }

    @Override
    public Object command(String userId, int credentialEpoch) {
        return new RevokeStaleLoginTokens(userId, credentialEpoch);
    }

    /** Personal access tokens counted apart; unknown (null) for a confirmation recorded before that was kept. */
    @Override
    public Map<String, Integer> deleted(LoginTokensRevoked confirmation) {
        Map<String, Integer> deleted = new HashMap<>();
        Integer personal = confirmation.personalAccessTokenIds() == null ? null
                : confirmation.personalAccessTokenIds().size();
        deleted.put("loginTokens", confirmation.tokenIds().size() - (personal == null ? 0 : personal));
        deleted.put("personalAccessTokens", personal);
        return deleted;
    }
}
