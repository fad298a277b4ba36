package chat.lifecycle.query.replay;

import java.util.List;

/** A read model that can be rebuilt from the events: its projection can empty the tables it owns. */
public interface Rebuildable {

    /** The projection's processing group, the name a replay is asked for. */
    String processingGroup();

    /** The tables the read model owns. */
    List<String> tables();

    /** Empties the read model's tables, in the caller's transaction. */
    void reset();
}
