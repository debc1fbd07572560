package dev.cairn.history.foreign;

import dev.cairn.migration.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One thing another tool's history table says is applied, and how to find its file.
 *
 * @param label     how messages name it: {@code version 003}, {@code 1_init.sql}
 * @param files     which migration files it stands for
 * @param appliedAt when the other tool applied it, when it recorded that
 * @param checksum  the checksum the other tool stored for the file's content, when it stores one
 * @param downSql   the down SQL the other tool stored, empty text when none
 * @param batch     the other tool's batch number, when it keeps batches
 * @param rerunsWhenChanged whether a changed file means "run it again" to the other tool (Flyway's
 *                  repeatables) rather than a mismatch
 */
public record Claim(String label, Files files, Optional<Instant> appliedAt, Optional<Sum> checksum, String downSql,
                   OptionalInt batch, boolean rerunsWhenChanged) {

    /** A claim with no checksum, down SQL or batch. */
    static Claim of(String label, Files files, Optional<Instant> appliedAt) {
        return new Claim(label, files, appliedAt, Optional.empty(), "", OptionalInt.empty(), false);
    }

    /** Which migration files a claim stands for. */
    public sealed interface Files {
    }

    /** The versioned migration with this version. */
    public record ByVersion(Version version) implements Files {
    }

    /** The migration whose script (or file name) is this, with or without {@code .sql}. */
    public record ByScript(String script) implements Files {
    }

    /**
     * Every versioned migration up to this version (golang-migrate's one row, Flyway's baseline);
     * with {@code fileRequired} a file with exactly this version must exist.
     */
    public record UpTo(Version version, boolean fileRequired) implements Files {
    }

    /** A repeatable migration, by its script or else its description (Flyway's {@code R__} files). */
    public record Repeatable(String script, String description) implements Files {
    }

    /** A checksum another tool stored. */
    public sealed interface Sum {
    }

    /** Flyway's: CRC32 over the file's lines without their line endings, as a signed int. */
    public record Crc32(int value) implements Sum {
    }

    /** A hex digest of the file's content: MD5 (32 digits) or SHA-256 (64). */
    public record Hex(String digest) implements Sum {
    }
}
