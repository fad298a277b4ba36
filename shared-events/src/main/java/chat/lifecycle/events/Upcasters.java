package chat.lifecycle.events;

import chat.lifecycle.events.user.LoginTokensRevoked1To2Upcaster;
import chat.lifecycle.events.user.UserDeactivated1To2Upcaster;
import chat.lifecycle.events.user.UserDeactivated2To3Upcaster;
import chat.lifecycle.events.user.UserDeleted1To2Upcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/** Every upcaster of the published language, in one chain: whoever reads the store registers this. */
public final class Upcasters {

    private Upcasters() {
    }

    public static EventUpcasterChain all() {
        return new EventUpcasterChain(new UserDeactivated1To2Upcaster(), new UserDeactivated2To3Upcaster(),
                new LoginTokensRevoked1To2Upcaster(), new UserDeleted1To2Upcaster());
    }
}
