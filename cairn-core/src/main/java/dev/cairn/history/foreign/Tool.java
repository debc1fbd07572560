package dev.cairn.history.foreign;

import dev.cairn.config.TableName;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The tools whose history tables Cairn can take over: each with its default table, the columns
 * that tell its table apart from the others', and its reader.
 */
public enum Tool {
    FLYWAY("flyway", "flyway_schema_history",
            c -> c.containsAll(Set.of("installed_rank", "version", "description", "type", "script", "checksum",
                    "success")), new FlywayReader()),
    GOLANG_MIGRATE("golang-migrate", "schema_migrations", c -> c.containsAll(Set.of("version", "dirty")),
            new GolangMigrateReader()),
    DBMATE("dbmate", "schema_migrations", c -> c.contains("version") && none(c, "dirty", "run_on", "checksum",
            "status", "name"), KeyedReader.dbmate()),
    DIESEL("diesel", "__diesel_schema_migrations", c -> c.containsAll(Set.of("version", "run_on")),
            KeyedReader.diesel()),
    GOOSE("goose", "goose_db_version", c -> c.containsAll(Set.of("version_id", "is_applied")), new GooseReader()),
    SQL_MIGRATE("sql-migrate", "gorp_migrations", c -> c.equals(Set.of("id", "applied_at")),
            KeyedReader.sqlMigrate()),
    DRIZZLE("drizzle", "drizzle.__drizzle_migrations", c -> c.containsAll(Set.of("hash", "created_at")),
            new DrizzleReader()),
    /** A hand-written runner's {@code migrations_history} (version, name, checksum, status). */
    MIGRATIONS_HISTORY("migrations-history", "migrations_history",
            c -> c.containsAll(Set.of("version", "name", "checksum", "status")), KeyedReader.migrationsHistory()),
    /** A hand-written runner's {@code __migration_tracking} (migration_name, rollback_sql, batch_number). */
    MIGRATION_TRACKING("migration-tracking", "__migration_tracking",
            c -> c.containsAll(Set.of("migration_name", "rollback_sql", "batch_number")) && !c.contains("status"),
            KeyedReader.migrationTracking()),
    /** A hand-written runner's {@code migration_history} (migration_name, batch_number, status, rollback_sql). */
    MIGRATION_HISTORY("migration-history", "migration_history",
            c -> c.containsAll(Set.of("migration_name", "batch_number", "status")), KeyedReader.migrationHistory()),
    /** A hand-written runner's {@code system.schema_migrations} (a file name, its MD5, applied_at). */
    SYSTEM_SCHEMA_MIGRATIONS("system-schema-migrations", "system.schema_migrations",
            c -> c.contains("checksum") && KeyedReader.SCRIPT_COLUMNS.stream().anyMatch(c::contains)
                    && none(c, "dirty", "status", "batch_number", "rollback_sql"),
            KeyedReader.systemSchemaMigrations());

    private final String id;
    private final TableName table;
    private final Predicate<Set<String>> fits;
    private final Reader reader;

    Tool(String id, String table, Predicate<Set<String>> fits, Reader reader) {
        this.id = id;
        this.table = TableName.parse(table);
        this.fits = fits;
        this.reader = reader;
    }

    /** The name {@code --from} takes: {@code flyway}, {@code golang-migrate}, ... */
    public String id() {
        return id;
    }

    /** The table the tool writes unless configured otherwise. */
    public TableName defaultTable() {
        return table;
    }

    /** Whether a table with these (lower-case) columns looks like this tool's. */
    public boolean fits(Set<String> columns) {
        return fits.test(columns);
    }

    /** Reads what the table records. */
    public Reading read(Source source) throws SQLException {
        return reader.read(source);
    }

    /**
     * The tool a {@code --from} value names: its id, or its default table's name.
     *
     * @throws CairnException (usage) listing the known tools
     */
    public static Tool parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Tool tool : values()) {
            if (tool.id.equals(t) || tool.table.toString().equals(t)) {
                return tool;
            }
        }
        throw CairnException.usage("import.unknown-tool", Next.setting("from", text)
                + ": not a tool Cairn can import from;"
                + " give one of " + ids());
    }

    /** Every id, comma-separated. */
    public static String ids() {
        return Arrays.stream(values()).map(Tool::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }

    private static boolean none(Set<String> columns, String... names) {
        return List.of(names).stream().noneMatch(columns::contains);
    }

    /** The tools whose table looks like one with these columns. */
    static List<Tool> fitting(Set<String> columns) {
        return Arrays.stream(values()).filter(t -> t.fits(columns)).toList();
    }

    static Optional<Tool> byDefaultTable(List<Tool> tools, TableName table) {
        return tools.stream().filter(t -> t.table.name().equals(table.name())).findFirst();
    }
}
