package dev.cairn.config;

import dev.cairn.error.CairnException;
import java.util.Locale;

/** How Cairn keeps two runners apart. */
public enum LockMode {

    /** A PostgreSQL session advisory lock: the server releases it when the runner's session ends. */
    ADVISORY,

    /**
     * A lease row in {@code <history>_lock}, renewed by a heartbeat and taken over once expired: for
     * PgBouncer transaction pooling and engines without advisory locks.
     */
    TABLE;

    /** The name users write: {@code advisory} or {@code table}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code advisory} or {@code table}, in any case.
     *
     * @param where how the message names the setting, such as {@code --lock-mode}
     */
    public static LockMode parse(String text, String where) {
        for (LockMode m : values()) {
            if (m.label().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw CairnException.usage("config.lock-mode", where + ": lock mode '" + text
                + "' is not one of: advisory, table");
    }
}
