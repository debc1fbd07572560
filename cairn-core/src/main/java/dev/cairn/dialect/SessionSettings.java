package dev.cairn.dialect;

import dev.cairn.config.Configuration;
import java.util.Objects;
import java.util.Optional;

/**
 * Cairn's own settings for its working session, which {@link Dialect#openSession} sets up and
 * {@link Dialect#resetSession} sets again after every script: the timeouts, and for a run inside one
 * schema (a fan-out over schemas) that schema as the only one unqualified names resolve to. Behind a
 * pooler they hold for one transaction at a time; on close the session gets back what it was handed
 * over with.
 *
 * @param schema   the one schema of the run's search path, when the run is inside one
 * @param timeouts the lock and statement timeouts, when configured
 */
public record SessionSettings(Optional<String> schema, Configuration.SessionTimeouts timeouts) {

    public SessionSettings {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(timeouts, "timeouts");
    }

    /** Only the timeouts: the schema search as handed over. */
    public static SessionSettings of(Configuration.SessionTimeouts timeouts) {
        return new SessionSettings(Optional.empty(), timeouts);
    }
}
