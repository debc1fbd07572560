package dev.cairn.lint;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rules, with squawk's ids where the meaning is the same (so existing ignores map over), and
 * Cairn's own ids (marked {@code squawk = false}) for what squawk does not check.
 */
public enum Rule {
    REQUIRE_CONCURRENT_INDEX_CREATION("require-concurrent-index-creation", Severity.ERROR, true,
            "CREATE INDEX without CONCURRENTLY on an existing table blocks writes while the index builds"),
    REQUIRE_CONCURRENT_INDEX_DELETION("require-concurrent-index-deletion", Severity.WARNING, true,
            "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table"),
    CONSTRAINT_MISSING_NOT_VALID("constraint-missing-not-valid", Severity.ERROR, true,
            "a FOREIGN KEY or CHECK added without NOT VALID scans the table under a lock that blocks writes"),
    DISALLOWED_UNIQUE_CONSTRAINT("disallowed-unique-constraint", Severity.ERROR, true,
            "ADD UNIQUE builds its index under ACCESS EXCLUSIVE; build it CONCURRENTLY and add it USING INDEX"),
    ADDING_SERIAL_PRIMARY_KEY_FIELD("adding-serial-primary-key-field", Severity.ERROR, true,
            "ADD PRIMARY KEY builds its index under ACCESS EXCLUSIVE; build it CONCURRENTLY and add it USING INDEX"),
    ADDING_FIELD_WITH_DEFAULT("adding-field-with-default", Severity.ERROR, true,
            "ADD COLUMN with a volatile default (or a serial, identity or stored generated column) rewrites the table"),
    CHANGING_COLUMN_TYPE("changing-column-type", Severity.ERROR, true,
            "ALTER COLUMN TYPE rewrites the table and its indexes under ACCESS EXCLUSIVE, unless binary-compatible"),
    ADDING_NOT_NULLABLE_FIELD("adding-not-nullable-field", Severity.ERROR, true,
            "SET NOT NULL scans the table under ACCESS EXCLUSIVE unless a validated CHECK (col IS NOT NULL) proves it"),
    ADDING_REQUIRED_FIELD("adding-required-field", Severity.ERROR, true,
            "ADD COLUMN NOT NULL without a default fails on a table that has rows"),
    BAN_DROP_COLUMN("ban-drop-column", Severity.ERROR, true,
            "DROP COLUMN loses data and breaks clients still reading the column"),
    BAN_DROP_TABLE("ban-drop-table", Severity.ERROR, true,
            "DROP TABLE loses data and breaks clients still using the table"),
    BAN_DROP_DATABASE("ban-drop-database", Severity.ERROR, true, "DROP DATABASE in a migration"),
    RENAMING_COLUMN("renaming-column", Severity.ERROR, true,
            "RENAME COLUMN breaks running clients that use the old name"),
    RENAMING_TABLE("renaming-table", Severity.ERROR, true,
            "RENAME TO breaks running clients that use the old name"),
    BAN_CONCURRENT_INDEX_CREATION_IN_TRANSACTION("ban-concurrent-index-creation-in-transaction", Severity.ERROR, true,
            "CREATE INDEX CONCURRENTLY inside BEGIN ... COMMIT fails: it cannot run in a transaction block"),
    TRANSACTION_NESTING("transaction-nesting", Severity.WARNING, true,
            "BEGIN/COMMIT inside the file (beyond one outer pair) makes Cairn run it without its transaction"),
    PREFER_JSONB("prefer-jsonb", Severity.WARNING, false,
            "a json column has no equality operator (DISTINCT, UNION, GROUP BY fail) and is reparsed on every read"),
    EMPTY_DOWN("empty-down", Severity.WARNING, false,
            "the down section exists but holds no statement, so a rollback undoes nothing"),
    TABLE_REWRITE("table-rewrite", Severity.ERROR, false,
            "observed: the statement rewrote an existing table under ACCESS EXCLUSIVE"),
    VALIDATION_SCAN("validation-scan", Severity.ERROR, false,
            "observed: the statement scanned an existing table to validate it under a blocking lock"),
    STATEMENT_FAILS("statement-fails", Severity.ERROR, false,
            "observed: the statement failed on the scratch database built from the applied migrations"),
    PREFER_BIG_INT("prefer-big-int", Severity.INFO, true, "style: int/serial columns overflow at 2^31; prefer bigint"),
    PREFER_IDENTITY("prefer-identity", Severity.INFO, true, "style: prefer GENERATED ... AS IDENTITY to serial"),
    PREFER_TIMESTAMPTZ("prefer-timestamptz", Severity.INFO, true,
            "style: timestamp without time zone; prefer timestamptz"),
    PREFER_TEXT_FIELD("prefer-text-field", Severity.INFO, true,
            "style: varchar(n) needs ACCESS EXCLUSIVE to change its limit; prefer text with a CHECK"),
    BAN_CHAR_FIELD("ban-char-field", Severity.INFO, true, "style: char(n) pads with spaces; prefer text");

    private final String id;
    private final Severity severity;
    private final boolean squawk;
    private final String summary;

    Rule(String id, Severity severity, boolean squawk, String summary) {
        this.id = id;
        this.severity = severity;
        this.squawk = squawk;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    /** The severity before sizing and configuration. */
    public Severity severity() {
        return severity;
    }

    /** Whether squawk has a rule of this id with this meaning. */
    public boolean squawk() {
        return squawk;
    }

    /** One line: what the rule catches. */
    public String summary() {
        return summary;
    }

    /** Whether this is a style hint, off unless {@code style = true}. */
    public boolean style() {
        return severity == Severity.INFO;
    }

    /** Whether what the rule says is about locks, rewrites or scans that observation can confirm or refute. */
    boolean observable() {
        return switch (this) {
            case REQUIRE_CONCURRENT_INDEX_CREATION, REQUIRE_CONCURRENT_INDEX_DELETION, CONSTRAINT_MISSING_NOT_VALID,
                    DISALLOWED_UNIQUE_CONSTRAINT, ADDING_SERIAL_PRIMARY_KEY_FIELD, ADDING_FIELD_WITH_DEFAULT,
                    CHANGING_COLUMN_TYPE, ADDING_NOT_NULLABLE_FIELD -> true;
            default -> false;
        };
    }

    public static Optional<Rule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
