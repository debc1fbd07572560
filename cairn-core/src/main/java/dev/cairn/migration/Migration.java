package dev.cairn.migration;

import dev.cairn.sql.SqlSource;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration found on disk: its version, its up script and, when the convention provides one,
 * its down script. Immutable.
 */
public final class Migration {

    /** Versioned migrations run once; repeatable ones again whenever their checksum changes. */
    public enum Kind {
        VERSIONED, REPEATABLE;

        /** The lowercase name stored in the history table. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether the migration runs in Cairn's transaction. */
    public enum Transaction {
        /** In a transaction unless a statement cannot run in one (detected). */
        AUTO,
        /** Without a transaction: a directive or the configuration says so. */
        NONE
    }

    private final Version version;
    private final String description;
    private final String script;
    private final String convention;
    private final Kind kind;
    private final SqlSource up;
    private final SqlSource down;
    private final Transaction transaction;
    private final String checksum;

    /** The parts of a migration as a convention reads them; {@code down} may be null. */
    public Migration(Version version, String description, String script, String convention, Kind kind,
                     SqlSource up, SqlSource down, Transaction transaction) {
        this(version, description, script, convention, kind, up, down, transaction, Checksum.of(up.text()));
    }

    /** With the checksum of {@code up} already computed (discovery computes them in parallel). */
    Migration(Version version, String description, String script, String convention, Kind kind,
              SqlSource up, SqlSource down, Transaction transaction, String checksum) {
        this.version = Objects.requireNonNull(version, "version");
        this.description = Objects.requireNonNull(description, "description");
        this.script = Objects.requireNonNull(script, "script");
        this.convention = Objects.requireNonNull(convention, "convention");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.up = Objects.requireNonNull(up, "up");
        this.down = down;
        this.transaction = Objects.requireNonNull(transaction, "transaction");
        this.checksum = Objects.requireNonNull(checksum, "checksum");
    }

    public Version version() {
        return version;
    }

    /** Words from the file name: {@code 003_add_users.sql} gives {@code add users}. */
    public String description() {
        return description;
    }

    /** The file name relative to its directory, as stored in the history. */
    public String script() {
        return script;
    }

    /** The file convention that read it, such as {@code dbmate} or {@code golang-migrate}. */
    public String convention() {
        return convention;
    }

    public Kind kind() {
        return kind;
    }

    public SqlSource up() {
        return up;
    }

    public Optional<SqlSource> down() {
        return Optional.ofNullable(down);
    }

    public Transaction transaction() {
        return transaction;
    }

    public String checksum() {
        return checksum;
    }

    /** A copy with another transaction mode (set per migration in the configuration). */
    public Migration withTransaction(Transaction mode) {
        return new Migration(version, description, script, convention, kind, up, down, mode, checksum);
    }

    @Override
    public String toString() {
        return version + " " + script;
    }
}
