package dev.cairn.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One migration file convention (dbmate, golang-migrate, numbered files, ...). Each reads the
 * files of its own naming and layout and leaves every other file alone, and names and fills the
 * next migration's files in that layout ({@code new}, {@code generate}), so adding a convention is
 * adding one small class to {@link Conventions#ALL}: see the checklist in the README's architecture
 * section.
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

    /**
     * The files of the next migration in this convention, after the newest of
     * {@link NextMigration#migrations()}
     * (its numbering, padding, separator and folder), with their templates around the bodies: names and
     * texts only, nothing is written. A file in a folder that does not exist yet (diesel's) gets its folder.
     *
     * @throws dev.cairn.error.CairnException when the next migration cannot be made here
     */
    List<NewFile> next(NextMigration next);

    /**
     * Called once the files of {@link #next(NextMigration)} are written: a convention that also lists its
     * migrations elsewhere (drizzle-kit's journal) adds the new one there.
     *
     * @throws dev.cairn.error.CairnException when it cannot; the files just written are then removed
     */
    default void written(NextMigration next, List<NewFile> files) {
    }

    /** The line put between generated statements (drizzle-kit's breakpoint), or empty text. */
    default String statementBreak() {
        return "";
    }

    /** Whether the convention keeps down scripts: false for drizzle-kit, whose generated downs are left out. */
    default boolean keepsDowns() {
        return true;
    }
}
