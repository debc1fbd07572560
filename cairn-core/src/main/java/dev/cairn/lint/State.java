package dev.cairn.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What earlier statements said, for the rules of later ones: tables and indexes made in the same
 * file (new, so empty: no lock matters), column types, CHECK (col IS NOT NULL) constraints added
 * NOT VALID and those validated since (which make SET NOT NULL instant).
 */
final class State {

    /** Tables created in the current file. */
    final Set<String> fileTables = new HashSet<>();
    /** Indexes created in the current file. */
    final Set<String> fileIndexes = new HashSet<>();
    /** {@code table.column} to its type, from CREATE TABLE, ADD COLUMN and ALTER TYPE of every file so far. */
    final Map<String, String> types = new HashMap<>();
    /** {@code table/constraint} to the column it proves not null, while NOT VALID. */
    final Map<String, String> pendingChecks = new HashMap<>();
    /** {@code table.column} with a validated CHECK (column IS NOT NULL). */
    final Set<String> proven = new HashSet<>();
    /** Inside an explicit BEGIN of the current file. */
    boolean inBlock;
    /** A COMMIT or ROLLBACK of the current file was seen. */
    boolean ended;

    void nextFile() {
        fileTables.clear();
        fileIndexes.clear();
        inBlock = false;
        ended = false;
    }

    boolean isNew(String table) {
        return fileTables.contains(table);
    }
}
