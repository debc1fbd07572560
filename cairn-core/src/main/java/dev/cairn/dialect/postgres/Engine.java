package dev.cairn.dialect.postgres;

import dev.cairn.error.Next;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which engine speaks PostgreSQL's protocol behind a connection, read from {@code version()} and, for
 * Citus (an extension whose {@code version()} is plain PostgreSQL's), from {@code pg_extension}. The
 * distributed engines get the lease lock when the lock mode was not chosen: see the README,
 * "Distributed PostgreSQL".
 */
enum Engine {

    POSTGRESQL("PostgreSQL", ""),
    /** {@code CockroachDB CCL v23.1.11 (x86_64-pc-linux-gnu, built 2023/09/27 01:53:43, go1.19.13)}. */
    COCKROACHDB("CockroachDB", "its pg_advisory_lock functions are stubs that lock nothing"),
    /** {@code PostgreSQL 11.2-YB-2.18.0.0-b0 on x86_64-pc-linux-gnu, compiled by clang …}. */
    YUGABYTEDB("YugabyteDB", "its advisory locks are missing or not enabled in most releases, and where present they"
            + " live in the tablet servers rather than in a session Cairn can watch"),
    /** PostgreSQL with the {@code citus} extension installed in the database. */
    CITUS("Citus", "an advisory lock is held only on the node Cairn is connected to, so runners connected to"
            + " different nodes would not see each other's");

    private static final Pattern COCKROACH = Pattern.compile("CockroachDB (?:CCL |OSS )?(v[0-9][^ ]*)");
    private static final Pattern YUGABYTE = Pattern.compile("PostgreSQL ([0-9.]+)-YB-([0-9][0-9.]*)");

    private final String label;
    private final String whyLease;

    Engine(String label, String whyLease) {
        this.label = label;
        this.whyLease = whyLease;
    }

    /** The engine behind {@code version()}; {@code citus} is whether the citus extension is installed. */
    static Engine of(String version, boolean citus) {
        String v = version == null ? "" : version;
        if (v.toLowerCase(Locale.ROOT).contains("cockroachdb")) {
            return COCKROACHDB;
        }
        if (v.contains("-YB-")) {
            return YUGABYTEDB;
        }
        return citus ? CITUS : POSTGRESQL;
    }

    /** How messages name the server: {@code CockroachDB v23.1.11}, {@code YugabyteDB 2.18.0.0 (PostgreSQL 11.2)}. */
    static String describe(String version, boolean citus) {
        String v = version == null ? "" : version;
        Engine e = of(v, citus);
        if (e == COCKROACHDB) {
            Matcher m = COCKROACH.matcher(v);
            return m.find() ? "CockroachDB " + m.group(1) : "CockroachDB";
        }
        if (e == YUGABYTEDB) {
            Matcher m = YUGABYTE.matcher(v);
            return m.find() ? "YugabyteDB " + m.group(2) + " (PostgreSQL " + m.group(1) + ")" : "YugabyteDB";
        }
        return e.label;
    }

    /**
     * Why the lease lock is chosen on this engine when the lock mode was not set, or empty on plain
     * PostgreSQL, where the advisory lock is the default.
     */
    static Optional<String> leaseReason(String version, boolean citus) {
        Engine e = of(version, citus);
        return e == POSTGRESQL ? Optional.empty()
                : Optional.of(describe(version, citus) + " detected: " + e.whyLease + ", so Cairn uses the lease lock"
                + " (lock mode table); set " + Next.setting("lock-mode") + " to choose otherwise");
    }
}
