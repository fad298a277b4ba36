package chat.lifecycle.query.replay;

/** A read model that can be rebuilt from the events: its projection can empty the tables it owns. */
public interface Rebuildable {

    /** The projection's processing group, the name a replay is asked for. */
    String processingGroup();

    /** Empties the read model's tables, in the caller's transaction. */
    void reset();
}
