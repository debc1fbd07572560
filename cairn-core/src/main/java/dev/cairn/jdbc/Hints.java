package dev.cairn.jdbc;

import java.util.Map;
import java.util.Optional;

/** Plain words for the SQLSTATEs migrations meet most. */
final class Hints {

    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("42P07", "the object already exists: an earlier migration or another tool created it;"
                    + " use IF NOT EXISTS, or adopt the database with 'cairn baseline'"),
            Map.entry("42P01", "the table or view does not exist: check its name and schema, and that the migration"
                    + " creating it has a lower version"),
            Map.entry("42703", "the column does not exist: check its name, and that the migration adding it has a lower version"),
            Map.entry("42601", "syntax error: check the statement near the position shown"),
            Map.entry("23505", "a unique constraint was violated by existing or inserted rows: clean the data first,"
                    + " or use ON CONFLICT"),
            Map.entry("23503", "a foreign key was violated: insert the referenced rows first, or fix the data"),
            Map.entry("23502", "a NOT NULL column got no value: add a DEFAULT, or backfill the rows before adding the constraint"),
            Map.entry("55P03", "a lock could not be taken in time: another session holds the table; retry when it is idle,"
                    + " or raise --lock-timeout-sql"),
            Map.entry("57014", "the statement was cancelled, usually by statement_timeout: raise --statement-timeout or make"
                    + " the statement cheaper"),
            Map.entry("40P01", "a deadlock with another session: run the migration again when the other work is done"),
            Map.entry("25001", "the statement cannot run inside a transaction block: mark the migration"
                    + " '-- cairn:no-transaction', or set [migrations.\"VERSION\"] transaction = false in cairn.toml"),
            Map.entry("2D000", "a procedure committed inside Cairn's transaction: set transaction = false for this migration"
                    + " in cairn.toml ([migrations.\"VERSION\"] transaction = false)"),
            Map.entry("0A000", "the server does not support this feature here: check the PostgreSQL version and the"
                    + " statement's documentation"),
            Map.entry("42501", "permission denied: the migration user needs the privilege; grant it or run as the owner"));

    private Hints() {
    }

    static Optional<String> forState(String sqlState) {
        return Optional.ofNullable(HINTS.get(sqlState));
    }
}
