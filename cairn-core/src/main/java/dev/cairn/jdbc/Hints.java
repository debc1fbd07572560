package dev.cairn.jdbc;

import dev.cairn.error.Next;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Plain words for the SQLSTATEs migrations meet most. */
final class Hints {

    private static final Map<String, String> HINTS = Map.ofEntries(
            Map.entry("42P07", "the object already exists: an earlier migration or another tool created it;"
                    + " use IF NOT EXISTS, or adopt the database with '" + Next.action("baseline") + "'"),
            Map.entry("42P01", "the table or view does not exist: check its name and schema, and that the migration"
                    + " creating it has a lower version"),
            Map.entry("42703", "the column does not exist: check its name, and that the migration adding it has a lower version"),
            Map.entry("42601", "syntax error: check the statement near the position shown"),
            Map.entry("23505", "a unique constraint was violated by existing or inserted rows: clean the data first,"
                    + " or use ON CONFLICT"),
            Map.entry("23503", "a foreign key was violated: insert the referenced rows first, or fix the data"),
            Map.entry("23502", "a NOT NULL column got no value: add a DEFAULT, or backfill the rows before adding the constraint"),
            Map.entry("55P03", "a lock could not be taken in time: another session holds the table; retry when that session"
                    + " has ended or committed, or raise " + Next.setting("lock-timeout-sql")),
            Map.entry("57014", "the statement was cancelled, usually by statement_timeout: raise "
                    + Next.setting("statement-timeout") + " or make"
                    + " the statement cheaper"),
            Map.entry("40P01", "a deadlock with another session: run the migration again when the other work is done"),
            Map.entry("25001", "the statement cannot run inside a transaction block: mark the migration"
                    + " '-- cairn:no-transaction', or set [migrations.\"VERSION\"] transaction = false in cairn.toml"),
            Map.entry("2D000", "a procedure committed inside Cairn's transaction: set transaction = false for this migration"
                    + " in cairn.toml ([migrations.\"VERSION\"] transaction = false)"),
            Map.entry("0A000", "the server does not support this feature here: check the PostgreSQL version and the"
                    + " statement's documentation"),
            Map.entry("42501", "permission denied: the migration user needs the privilege; grant it or run as the owner"),
            Map.entry("53300", "the server has no connection left: the role's or the database's CONNECTION LIMIT, or"
                    + " max_connections, is reached; wait for other sessions to end or raise the limit. Cairn needs"
                    + " two sessions at once, one for the migration lock and one for the migrations"),
            Map.entry("57P01", "the server ended Cairn's session (pg_terminate_backend, '" + Next.action("unlock")
                    + "', or a server"
                    + " shutdown); the transaction open on it was rolled back by the server"));

    /**
     * SQLSTATEs that come from other sessions or the server, not from the SQL: the same file can
     * succeed when run again (lock and statement waits aside, which their hints cover).
     */
    private static final Set<String> NOT_THE_FILE = Set.of("55P03", "40P01", "40001", "53300", "57P01", "57P02",
            "57P03");

    private Hints() {
    }

    static Optional<String> forState(String sqlState) {
        return Optional.ofNullable(HINTS.get(sqlState));
    }

    static boolean notTheFile(String sqlState) {
        return NOT_THE_FILE.contains(sqlState) || sqlState.startsWith("08");
    }
}
