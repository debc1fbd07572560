package dev.cairn.cli;

import dev.cairn.Cairn;
import dev.cairn.dialect.postgres.PgScratch;
import java.util.Optional;

/**
 * Where drift, verify, lint, generate and migrate --lint create their scratch databases: {@code --scratch-url} (or
 * {@code $CAIRN_SCRATCH_URL}) when given; else the target's own server when its role may create
 * databases; else a throw-away embedded PostgreSQL of the same major version, saying so; else a
 * usage error naming the fix. {@code CAIRN_SCRATCH_EMBEDDED=never} turns the embedded fallback off.
 */
public final class ScratchServer implements AutoCloseable {

    /** The environment variable that turns the embedded fallback off when set to {@code never}. */
    public static final String EMBEDDED_ENV = "CAIRN_SCRATCH_EMBEDDED";

    private final String url;
    private final Optional<Embedded> embedded;

    private ScratchServer(String url, Optional<Embedded> embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    /**
     * Chooses the server; {@code option} is the value of {@code --scratch-url}, or null.
     *
     * @throws dev.cairn.error.CairnException a usage error when no server may be used
     */
    public static ScratchServer choose(Context context, Console console, Cairn cairn, String option) {
        String given = option != null ? option : context.env("CAIRN_SCRATCH_URL");
        if (!given.isEmpty()) {
            return new ScratchServer(given, Optional.empty());
        }
        PgScratch.Probe probe = cairn.scratchProbe();
        if (probe.mayCreateDatabases()) {
            return new ScratchServer("", Optional.empty());
        }
        String unavailable = context.env(EMBEDDED_ENV).equals("never") ? EMBEDDED_ENV + "=never"
                : Embedded.unavailable(probe.major());
        if (!unavailable.isEmpty()) {
            throw probe.refusal(" (the embedded PostgreSQL is not used: " + unavailable + ")");
        }
        console.err("the role " + probe.role() + " may not create databases on " + probe.server().target()
                + ": replaying on the embedded PostgreSQL " + Embedded.MAJOR + " bundled with cairn, in a temporary"
                + " directory removed afterwards (--scratch-url URL, or ALTER ROLE ... CREATEDB, to use a server of"
                + " your own)");
        Embedded e = Embedded.scratch();
        return new ScratchServer(e.url(), Optional.of(e));
    }

    /** The scratch server's URL, or empty text for the target's own server. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        embedded.ifPresent(Embedded::close);
    }
}
