package dev.cairn.migration;

import dev.cairn.sql.SqlSource;
import java.util.Optional;

/**
 * What a {@link Convention} read from one file: the up script, the down script, or both.
 * Discovery joins an up part with its down part (golang-migrate pairs, {@code _rollback} siblings).
 *
 * @param role        which scripts this file holds
 * @param up          the up script when {@code role} is {@link Role#UP} or {@link Role#BOTH}
 * @param down        the down script when the file holds one
 * @param transaction what the file itself says about transactions (directives)
 * @param script      the name stored in the history: the file's relative path, or a diesel folder
 */
record Part(String convention, MigrationFile file, Version version, String description, Role role,
                   Optional<SqlSource> up, Optional<SqlSource> down, Migration.Transaction transaction,
                   Migration.Kind kind, String script) {

    /** Which scripts a file holds. */
    public enum Role {
        /** Only the up script (its down may come from a sibling file). */
        UP,
        /** Only the down script of a migration whose up script is another file. */
        DOWN,
        /** Both sections in one file (the down section may be absent). */
        BOTH
    }

    public static Part up(String convention, MigrationFile file, Version version, String description,
                          SqlSource up, Migration.Transaction transaction) {
        return new Part(convention, file, version, description, Role.UP, Optional.of(up), Optional.empty(), transaction,
                Migration.Kind.VERSIONED, file.relative());
    }

    public static Part down(String convention, MigrationFile file, Version version, String description, SqlSource down) {
        return new Part(convention, file, version, description, Role.DOWN, Optional.empty(), Optional.of(down),
                Migration.Transaction.AUTO, Migration.Kind.VERSIONED, file.relative());
    }

    public static Part both(String convention, MigrationFile file, Version version, String description,
                            SqlSource up, Optional<SqlSource> down, Migration.Transaction transaction) {
        return new Part(convention, file, version, description, Role.BOTH, Optional.of(up), down, transaction,
                Migration.Kind.VERSIONED, file.relative());
    }

    /**
     * A repeatable migration (Flyway's {@code R__name.sql}): no version of its own, run after the
     * versioned ones whenever its checksum changes. Its identity is its description.
     */
    public static Part repeatable(String convention, MigrationFile file, String description, SqlSource up,
                                  Migration.Transaction transaction) {
        return new Part(convention, file, Version.repeatable(), description, Role.UP, Optional.of(up),
                Optional.empty(), transaction, Migration.Kind.REPEATABLE, file.relative());
    }

    /** A copy stored in the history under another name (diesel's folder rather than its up.sql). */
    Part withScript(String name) {
        return new Part(convention, file, version, description, role, up, down, transaction, kind, name);
    }

    /** What joins the parts of one migration: the version, or a repeatable's description. */
    Object key() {
        return kind == Migration.Kind.REPEATABLE ? "R:" + description : version;
    }
}
