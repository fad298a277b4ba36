package chat.lifecycle.query.replay;

import java.util.List;

/** A read model that can be rebuilt from the events. */
public interface Rebuildable {

    /** The projection's processing group, the name a replay is asked for. */
    String processingGroup();

    /** The tables the read model owns. */
    List<String> tables();

    /** A fresh, empty rebuild: the projection's rules, applied in memory to every event from the first on. */
    Rebuild rebuild();
}
