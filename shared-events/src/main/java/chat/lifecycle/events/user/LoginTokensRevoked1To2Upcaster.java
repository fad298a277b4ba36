package chat.lifecycle.events.user;

import chat.lifecycle.events.FieldAddedUpcaster;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Reads {@link LoginTokensRevoked} revision 1 as revision 2: which of its tokens were personal access tokens was not
 * recorded then, so {@code personalAccessTokenIds} is null (unknown), not empty.
 */
public class LoginTokensRevoked1To2Upcaster extends FieldAddedUpcaster {

    public LoginTokensRevoked1To2Upcaster() {
        super(LoginTokensRevoked.class, 1, "personalAccessTokenIds", NullNode.getInstance());
    }
}
