package dev.cairn.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One migration file convention (dbmate, golang-migrate, numbered files, ...). Each reads the
 * files of its own naming and layout and leaves every other file alone, so adding a convention is
 * adding one small class to {@link Conventions#ALL}.
 */
public interface Convention {

    /** A short stable name, such as {@code dbmate}. */
    String name();

    /**
     * Reads the file when it is of this convention.
     *
     * @return empty when the file is not of this convention
     * @throws dev.cairn.error.CairnException when the file is of this convention but malformed
     */
    Optional<Part> read(MigrationFile file);

    /**
     * Problems this convention sees in a folder as a whole rather than in one file, such as a
     * drizzle-kit journal entry whose file is missing. Called once for every folder scanned.
     */
    default List<Problem> check(Path folder) {
        return List.of();
    }

    /**
     * Whether this convention only reads files that no other convention claims (plain numbered
     * files are the fallback for everything that starts with a number).
     */
    default boolean fallback() {
        return false;
    }
}
