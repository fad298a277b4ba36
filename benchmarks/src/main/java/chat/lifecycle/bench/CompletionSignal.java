package chat.lifecycle.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Tells the load when a deactivation it made is complete, so the subject may be reactivated. */
interface CompletionSignal {

    /** A deactivation of the subject was answered with success at {@code acceptedAt} (System.nanoTime). */
    void accepted(Subject subject, long acceptedAt);

    boolean done(String userId);

    /** Complete with its reply: a server that answers a deactivation once its cleanup is done. */
    static CompletionSignal atTheReply() {
        Set<String> done = ConcurrentHashMap.newKeySet();
        return new CompletionSignal() {
            @Override
            public void accepted(Subject subject, long acceptedAt) {
                done.add(subject.userId());
            }

            @Override
            public boolean done(String userId) {
                return done.contains(userId);
            }
        };
    }
}
