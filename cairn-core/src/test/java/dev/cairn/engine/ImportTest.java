package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.config.TableName;
import dev.cairn.error.CairnException;
import dev.cairn.history.foreign.Tool;
import dev.cairn.testing.Snapshot;
import dev.cairn.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code import} from each tool's history table, made with the DDL and the rows the tool writes
 * (read from its source; quoted in each test), after the tool's migrations were applied.
 */
class ImportTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    @BeforeEach
    void otherSchemas() throws Exception {
        db.execute("DROP SCHEMA IF EXISTS drizzle CASCADE", "DROP SCHEMA IF EXISTS system CASCADE");
    }

    private Import.Result importFrom(String tool) {
        return cairn().importHistory(new Import.Request(Optional.ofNullable(tool).map(Tool::parse), Optional.empty(),
                false, false));
    }

    /** Imported; then status has nothing pending, validate passes and migrate applies nothing. */
    private Import.Result takenOver(String tool, String... scripts) {
        Import.Result r = importFrom(tool);
        assertThat(r.problems()).isEmpty();
        assertThat(r.imported()).extracting(Import.Imported::script).containsExactly(scripts);
        assertThat(cairn().status().hasPending()).isFalse();
        assertThat(cairn().status().migrations()).extracting(StatusResult.Item::state).containsOnly(State.APPLIED);
        assertThat(cairn().validate().valid()).isTrue();
        assertThat(cairn().migrate().upToDate()).isTrue();
        return r;
    }

    /** Refused with one problem starting with {@code problem}; the database is exactly as before. */
    private void refused(String tool, String problem) throws Exception {
        String before = Snapshot.full(db);
        Import.Result r = importFrom(tool);
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p).startsWith(problem));
        assertThat(Snapshot.full(db)).isEqualTo(before);
        assertThat(db.relations()).doesNotContain("cairn_history");
    }

    private void rollBackNewest(int n) {
        cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.Steps(n), RollbackRequest.Confirmation.APPROVE));
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    private byte[] file(String name) throws Exception {
        return Files.readAllBytes(dir.path().resolve(name));
    }

    // golang-migrate: database/postgres/postgres.go ensureVersionTable and SetVersion.

    private void golangMigrate(long version, boolean dirty) throws Exception {
        dir.write("1_users.up.sql", "CREATE TABLE users (id int);").write("1_users.down.sql", "DROP TABLE users;")
                .write("2_orders.up.sql", "CREATE TABLE orders (id int);").write("2_orders.down.sql", "DROP TABLE orders;");
        db.execute("CREATE TABLE users (id int)", "CREATE TABLE orders (id int)",
                "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary key, dirty boolean not null)",
                "INSERT INTO schema_migrations (version, dirty) VALUES (" + version + ", " + dirty + ")");
    }

    @Test
    void golangMigrateOneRowMeansEverythingUpToIt() throws Exception {
        golangMigrate(2, false);
        Import.Result r = takenOver(null, "1_users.up.sql", "2_orders.up.sql");
        assertThat(r.from()).isEqualTo("golang-migrate");
        assertThat(db.column("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("2 false");
        rollBackNewest(1);
        assertThat(db.relations()).doesNotContain("orders");
    }

    @Test
    void golangMigrateDirtyIsRefused() throws Exception {
        golangMigrate(2, true);
        refused("golang-migrate", "version 2: golang-migrate recorded a dirty state");
    }

    @Test
    void golangMigrateVersionWithoutAFileIsRefused() throws Exception {
        golangMigrate(3, false);
        refused("golang-migrate", "version 3: golang-migrate recorded it as applied, but no migration file has it");
    }

    // dbmate: pkg/driver/postgres/postgres.go CreateMigrationsTable and InsertMigration; the DDL as dbmate 2.36.0
    // (npm @dbmate/linux-x64) leaves it: version character varying, primary key.

    @Test
    void dbmateVersionsAreTheFilesLeadingDigits() throws Exception {
        dir.dbmate("20240101120000_users.sql", "CREATE TABLE users (id int);", "DROP TABLE users;")
                .dbmate("20240102120000_orders.sql", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
        db.execute("CREATE TABLE users (id int)", "CREATE TABLE orders (id int)",
                "create table if not exists \"public\".\"schema_migrations\" (version varchar primary key)",
                "insert into \"public\".\"schema_migrations\" (version) values ('20240101120000'), ('20240102120000')");
        assertThat(takenOver("dbmate", "20240101120000_users.sql", "20240102120000_orders.sql").imported())
                .extracting(Import.Imported::appliedAt).containsOnly(Optional.empty());
        rollBackNewest(2);
        assertThat(db.relations()).doesNotContain("users", "orders");
    }

    @Test
    void dbmateVersionWithoutAFileIsRefused() throws Exception {
        dir.dbmate("20240101120000_users.sql", "CREATE TABLE users (id int);", "DROP TABLE users;");
        db.execute("create table if not exists \"public\".\"schema_migrations\" (version varchar primary key)",
                "insert into \"public\".\"schema_migrations\" (version) values ('20240101120000'), ('20240109000000')");
        refused("dbmate", "version 20240109000000: dbmate recorded it as applied, but no migration file has it");
    }

    // diesel: diesel_migrations/src/migration_harness.rs CREATE_MIGRATIONS_TABLE and run_migration.

    @Test
    void dieselVersionIsTheFoldersDigitsWithoutDashes() throws Exception {
        dir.write("00000000000000_diesel_initial_setup/up.sql", "SELECT 1;")
                .write("00000000000000_diesel_initial_setup/down.sql", "SELECT 1;")
                .write("2024-01-15-093000_create_users/up.sql", "CREATE TABLE users (id int);")
                .write("2024-01-15-093000_create_users/down.sql", "DROP TABLE users;");
        db.execute("CREATE TABLE users (id int)", "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations ("
                        + " version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                "INSERT INTO __diesel_schema_migrations (version, run_on) VALUES ('00000000000000', '2024-01-15 09:00:00'),"
                        + " ('20240115093000', '2024-01-15 09:31:00')");
        takenOver("diesel", "00000000000000_diesel_initial_setup", "2024-01-15-093000_create_users");
        assertThat(db.column("SELECT h.script FROM cairn_history h JOIN __diesel_schema_migrations d"
                + " ON d.run_on::timestamptz = h.applied_at ORDER BY 1")).hasSize(2);
        rollBackNewest(1);
        assertThat(db.relations()).doesNotContain("users");
    }

    // goose: internal/dialect/dialectquery/postgres.go CreateTable, InsertVersion (older goose: a down inserts
    // is_applied = false; newer goose deletes the row).

    @Test
    void gooseTheLatestRowOfAVersionDecides() throws Exception {
        String goose = "-- +goose Up\nCREATE TABLE %s (id int);\n-- +goose Down\nDROP TABLE %s;\n";
        dir.write("00001_users.sql", goose.formatted("users", "users"))
                .write("00002_orders.sql", goose.formatted("orders", "orders"));
        db.execute("CREATE TABLE users (id int)", "CREATE TABLE goose_db_version (id serial NOT NULL,"
                        + " version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL default now(),"
                        + " PRIMARY KEY(id))",
                "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true), (2, true), (2, false)");
        Import.Result r = importFrom("goose");
        assertThat(r.problems()).isEmpty();
        assertThat(r.imported()).extracting(Import.Imported::script).containsExactly("00001_users.sql");
        assertThat(cairn().status().migrations()).extracting(StatusResult.Item::state)
                .containsExactly(State.APPLIED, State.PENDING);
    }

    @Test
    void gooseAllApplied() throws Exception {
        dir.write("00001_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\nDROP TABLE users;\n");
        db.execute("CREATE TABLE users (id int)", "CREATE TABLE goose_db_version (id serial NOT NULL,"
                        + " version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL default now(),"
                        + " PRIMARY KEY(id))",
                "INSERT INTO goose_db_version (version_id, is_applied) VALUES (0, true), (1, true)");
        assertThat(takenOver(null, "00001_users.sql").imported().get(0).appliedAt()).isPresent();
        rollBackNewest(1);
        assertThat(db.relations()).doesNotContain("users");
    }

    // sql-migrate: migrate.go (gorp's table for MigrationRecord: id varchar primary key, applied_at timestamptz).

    @Test
    void sqlMigrateIdIsTheFileName() throws Exception {
        dir.write("1_users.sql", "-- +migrate Up\nCREATE TABLE users (id int);\n-- +migrate Down\nDROP TABLE users;\n");
        db.execute("CREATE TABLE users (id int)",
                "CREATE TABLE IF NOT EXISTS gorp_migrations (id text NOT NULL PRIMARY KEY, applied_at timestamp with time zone)",
                "INSERT INTO gorp_migrations (id, applied_at) VALUES ('1_users.sql', '2024-02-01 10:00:00+00')");
        Import.Result r = takenOver("sql-migrate", "1_users.sql");
        assertThat(r.imported().get(0).appliedAt().orElseThrow()).hasToString("2024-02-01T10:00:00Z");
        rollBackNewest(1);
        assertThat(db.relations()).doesNotContain("users");
    }

    // drizzle: drizzle-orm/src/migrator.ts readMigrationFiles (hash = sha256 of the file, folderMillis = when) and
    // src/pg-core/dialect.ts migrate (CREATE TABLE drizzle.__drizzle_migrations; INSERT hash, created_at). The same
    // files migrated by drizzle-orm 0.45.4 give exactly this table and these rows.

    private void drizzle(String hash0) throws Exception {
        dir.write("meta/_journal.json", """
                {
                  "version": "7",
                  "dialect": "postgresql",
                  "entries": [
                    {"idx": 0, "version": "7", "when": 1700000000000, "tag": "0000_users", "breakpoints": true},
                    {"idx": 1, "version": "7", "when": 1700000100000, "tag": "0001_orders", "breakpoints": true}
                  ]
                }
                """)
                .write("0000_users.sql", "CREATE TABLE \"users\" (\"id\" integer);\n--> statement-breakpoint\n"
                        + "CREATE INDEX \"users_id\" ON \"users\" (\"id\");")
                .write("0001_orders.sql", "CREATE TABLE \"orders\" (\"id\" integer);");
        db.execute("CREATE TABLE users (id int)", "CREATE INDEX users_id ON users (id)", "CREATE TABLE orders (id int)",
                "CREATE SCHEMA IF NOT EXISTS \"drizzle\"",
                "CREATE TABLE IF NOT EXISTS \"drizzle\".\"__drizzle_migrations\" (id SERIAL PRIMARY KEY, hash text NOT NULL,"
                        + " created_at bigint)",
                "insert into \"drizzle\".\"__drizzle_migrations\" (\"hash\", \"created_at\") values ('"
                        + (hash0 != null ? hash0 : sha256(file("0000_users.sql"))) + "', '1700000000000'), ('"
                        + sha256(file("0001_orders.sql")) + "', '1700000100000')");
    }

    @Test
    void drizzleRowsAreMatchedThroughTheJournalAndTheirHashes() throws Exception {
        drizzle(null);
        Import.Result r = takenOver(null, "0000_users.sql", "0001_orders.sql");
        assertThat(r.from()).isEqualTo("drizzle");
        assertThat(r.table()).isEqualTo("drizzle.__drizzle_migrations");
    }

    @Test
    void drizzleHashMismatchIsRefused() throws Exception {
        drizzle("0".repeat(64));
        refused("drizzle", "0000_users.sql: the file does not match the checksum drizzle stored (SHA-256 000");
    }

    // The hand-written runners' tables, with the DDL their documents give (system.schema_migrations: the
    // document names the table, MD5 checksums and applied_at; the rest is Cairn's reading, in the README).

    @Test
    void migrationsHistoryWithSha256ChecksumsAndRollbackSiblings() throws Exception {
        dir.write("000_migration_tracker.sql", "SELECT 1;\n")
                .write("003_add_users_table.sql", "CREATE TABLE users (id int);\n")
                .write("003_add_users_table_rollback.sql", "DROP TABLE users;\n");
        db.execute("CREATE TABLE users (id int)", migrationsHistory(),
                "INSERT INTO migrations_history (version, name, checksum, execution_time) VALUES ('000',"
                        + " 'migration_tracker', '" + sha256(file("000_migration_tracker.sql")) + "', 3), ('003',"
                        + " 'add_users_table', '" + sha256(file("003_add_users_table.sql")) + "', 5)");
        takenOver(null, "000_migration_tracker.sql", "003_add_users_table.sql");
        rollBackNewest(1);
        assertThat(db.relations()).doesNotContain("users");
    }

    private static String migrationsHistory() {
        return "CREATE TABLE migrations_history (id SERIAL PRIMARY KEY, version VARCHAR(50) UNIQUE NOT NULL,"
                + " name VARCHAR(255) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,"
                + " checksum VARCHAR(64) NOT NULL, execution_time INTEGER NOT NULL DEFAULT 0,"
                + " applied_by VARCHAR(100) DEFAULT CURRENT_USER, status VARCHAR(20) DEFAULT 'SUCCESS'"
                + " CHECK (status IN ('SUCCESS', 'FAILED', 'ROLLED_BACK')))";
    }

    @Test
    void migrationsHistoryFailedRowIsRefused() throws Exception {
        dir.write("003_add_users_table.sql", "CREATE TABLE users (id int);\n");
        db.execute(migrationsHistory(), "INSERT INTO migrations_history (version, name, checksum, status) VALUES"
                + " ('003', 'add_users_table', '" + sha256(file("003_add_users_table.sql")) + "', 'FAILED')");
        refused(null, "version 003: migrations_history recorded the status 'FAILED'");
    }

    @Test
    void migrationTrackingKeepsItsRollbackSqlAndBatches() throws Exception {
        dir.write("meta/_journal.json", "{\"version\":\"7\",\"dialect\":\"postgresql\",\"entries\":["
                        + "{\"idx\":0,\"version\":\"7\",\"when\":1700000000000,\"tag\":\"0000_initial_schema\",\"breakpoints\":true},"
                        + "{\"idx\":1,\"version\":\"7\",\"when\":1700000100000,\"tag\":\"0001_add_user_table\",\"breakpoints\":true}]}")
                .write("0000_initial_schema.sql", "CREATE TABLE products (id int);")
                .write("0001_add_user_table.sql", "CREATE TABLE users (id int);");
        db.execute("CREATE TABLE products (id int)", "CREATE TABLE users (id int)",
                "CREATE TABLE __migration_tracking (id SERIAL PRIMARY KEY, migration_name VARCHAR(255) UNIQUE NOT NULL,"
                        + " applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, rollback_sql TEXT, checksum VARCHAR(64),"
                        + " batch_number INTEGER DEFAULT 1)",
                "INSERT INTO __migration_tracking (migration_name, rollback_sql, checksum, batch_number) VALUES"
                        + " ('0000_initial_schema.sql', 'DROP TABLE products;', '" + sha256(file("0000_initial_schema.sql"))
                        + "', 1), ('0001_add_user_table.sql', 'DROP TABLE users;', '"
                        + sha256(file("0001_add_user_table.sql")) + "', 2)");
        takenOver("migration-tracking", "0000_initial_schema.sql", "0001_add_user_table.sql");
        assertThat(db.column("SELECT batch || ' ' || down_sql FROM cairn_history ORDER BY id"))
                .containsExactly("1 DROP TABLE products;", "2 DROP TABLE users;");
        // drizzle files have no down: the stored rollback_sql is what rolls back the last batch.
        cairn().rollback(RollbackRequest.lastBatch());
        assertThat(db.relations()).contains("products").doesNotContain("users");
    }

    private static final String BANNER = """
            -- ============================================
            -- FORWARD MIGRATION
            -- ============================================
            CREATE TABLE %s (id int);

            -- ============================================
            -- ROLLBACK
            -- ============================================
            -- DROP TABLE %s;
            """;

    private void migrationHistory(String status) throws Exception {
        dir.write("001_initial.sql", BANNER.formatted("celebrities", "celebrities"))
                .write("012_chat_system.sql", BANNER.formatted("chats", "chats"));
        db.execute("CREATE TABLE celebrities (id int)", "CREATE TABLE chats (id int)",
                "CREATE TABLE migration_history (id SERIAL PRIMARY KEY, migration_name VARCHAR(255) NOT NULL UNIQUE,"
                        + " batch_number INTEGER NOT NULL, executed_at TIMESTAMP WITH TIME ZONE DEFAULT NOW(),"
                        + " execution_time_ms INTEGER NOT NULL, checksum VARCHAR(64) NOT NULL,"
                        + " status VARCHAR(20) DEFAULT 'completed', rollback_sql TEXT, error_message TEXT,"
                        + " created_at TIMESTAMP WITH TIME ZONE DEFAULT NOW())",
                "INSERT INTO migration_history (migration_name, batch_number, execution_time_ms, checksum, status,"
                        + " rollback_sql, error_message) VALUES ('001_initial.sql', 1, 10, '"
                        + sha256(file("001_initial.sql")) + "', 'completed', 'DROP TABLE celebrities;', NULL),"
                        + " ('012_chat_system.sql', 2, 12, '" + sha256(file("012_chat_system.sql")) + "', '" + status
                        + "', 'DROP TABLE chats;', " + (status.equals("failed") ? "'relation exists'" : "NULL") + ")");
    }

    @Test
    void migrationHistoryKeepsBatchNumbers() throws Exception {
        migrationHistory("completed");
        takenOver("migration-history", "001_initial.sql", "012_chat_system.sql");
        assertThat(db.column("SELECT batch FROM cairn_history ORDER BY id")).containsExactly("1", "2");
        cairn().rollback(new RollbackRequest(new RollbackRequest.Selection.Batch(2), RollbackRequest.Confirmation.APPROVE));
        assertThat(db.relations()).contains("celebrities").doesNotContain("chats");
    }

    @Test
    void migrationHistoryFailedRowIsRefused() throws Exception {
        migrationHistory("failed");
        refused(null, "012_chat_system.sql: migration_history recorded the status 'failed' (relation exists)");
    }

    private static final String DATED = "-- Add %s\nCREATE TABLE tenants.%s (id int);\n\n-- ROLLBACK:\n-- DROP TABLE tenants.%s;\n";

    @Test
    void systemSchemaMigrationsWithMd5Checksums() throws Exception {
        dir.write("2025-01-17_1430_business.sql", DATED.formatted("business", "business", "business"))
                .write("2025-01-20_0915_appointments.sql", DATED.formatted("appointments", "appointments", "appointments"));
        db.execute("CREATE SCHEMA tenants", "CREATE TABLE tenants.business (id int)",
                "CREATE TABLE tenants.appointments (id int)", "CREATE SCHEMA system",
                "CREATE TABLE system.schema_migrations (id SERIAL PRIMARY KEY, filename VARCHAR(255) NOT NULL UNIQUE,"
                        + " checksum VARCHAR(32) NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT NOW())",
                "INSERT INTO system.schema_migrations (filename, checksum) VALUES ('2025-01-17_1430_business.sql', '"
                        + md5(file("2025-01-17_1430_business.sql")) + "'), ('2025-01-20_0915_appointments.sql', '"
                        + md5(file("2025-01-20_0915_appointments.sql")) + "')");
        takenOver(null, "2025-01-17_1430_business.sql", "2025-01-20_0915_appointments.sql");
        rollBackNewest(1);
        assertThat(db.column("SELECT tablename FROM pg_tables WHERE schemaname = 'tenants'")).containsExactly("business");
        db.execute("DROP SCHEMA tenants CASCADE");
    }

    @Test
    void systemSchemaMigrationsEditedFileIsRefusedUnlessAccepted() throws Exception {
        dir.write("2025-01-17_1430_business.sql", DATED.formatted("business", "business", "business"));
        db.execute("CREATE SCHEMA system", "CREATE TABLE system.schema_migrations (id SERIAL PRIMARY KEY,"
                        + " filename VARCHAR(255) NOT NULL UNIQUE, checksum VARCHAR(32) NOT NULL,"
                        + " applied_at TIMESTAMPTZ NOT NULL DEFAULT NOW())",
                "INSERT INTO system.schema_migrations (filename, checksum) VALUES ('2025-01-17_1430_business.sql', '"
                        + md5("something else".getBytes(StandardCharsets.UTF_8)) + "')");
        refused(null, "2025-01-17_1430_business.sql: the file does not match the checksum"
                + " system-schema-migrations stored (MD5 ");
        Import.Result accepted = cairn().importHistory(new Import.Request(Optional.empty(), Optional.empty(), false, true));
        assertThat(accepted.imported()).hasSize(1);
    }

    // Choosing the table.

    @Test
    void severalToolsTablesAreAUsageErrorListingThem() throws Exception {
        golangMigrate(2, false);
        db.execute("CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL,"
                + " is_applied boolean NOT NULL, tstamp timestamp NULL default now(), PRIMARY KEY(id))");
        String before = Snapshot.full(db);
        assertThatThrownBy(() -> importFrom(null)).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("several tools' history tables were found: golang-migrate"
                    + " (public.schema_migrations), goose (public.goose_db_version)");
        });
        assertThat(Snapshot.full(db)).isEqualTo(before);
        assertThat(importFrom("goose").imported()).isEmpty();
    }

    @Test
    void noToolsTableUnknownToolAndMissingTableAreUsageErrors() throws Exception {
        dir.dbmate("001_a.sql", "SELECT 1;", "SELECT 1;");
        assertThatThrownBy(() -> importFrom(null)).isInstanceOfSatisfying(CairnException.class, e -> assertThat(
                e.getMessage()).startsWith("no other tool's history table was found"));
        assertThatThrownBy(() -> importFrom("liquibase")).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("from=liquibase: not a tool Cairn can import from; give one of flyway,");
        });
        assertThatThrownBy(() -> cairn().importHistory(new Import.Request(Optional.of(Tool.FLYWAY),
                Optional.of(TableName.parse("nope")), false, false))).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("the table public.nope does not exist (flyway's history table)");
        });
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void aTableNamedWithTableIsReadByItsColumns() throws Exception {
        dir.write("1_users.sql", "-- +migrate Up\nCREATE TABLE users (id int);\n-- +migrate Down\nDROP TABLE users;\n");
        db.execute("CREATE TABLE users (id int)", "CREATE TABLE my_migrations (id text NOT NULL PRIMARY KEY,"
                + " applied_at timestamp with time zone)", "INSERT INTO my_migrations VALUES ('1_users.sql', now())");
        Import.Result r = cairn().importHistory(new Import.Request(Optional.empty(),
                Optional.of(TableName.parse("my_migrations")), false, false));
        assertThat(r.from()).isEqualTo("sql-migrate");
        assertThat(r.imported()).hasSize(1);
    }

    @Test
    void theOtherToolsTableCannotBeCairnsOwn() throws Exception {
        migrationHistory("completed");
        String before = Snapshot.full(db);
        var cairn = dev.cairn.Cairn.configure().url(db.url()).locations(dir.path()).table("migration_history").load();
        assertThatThrownBy(() -> cairn.importHistory(new Import.Request(Optional.empty(), Optional.empty(), false,
                false))).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).startsWith("public.migration_history is the table Cairn is configured to keep"
                    + " its own history in");
        });
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }

    @Test
    void anAdoptedDatabaseIsRefused() throws Exception {
        golangMigrate(2, false);
        cairn().baseline(dev.cairn.migration.Version.parse("1"));
        String before = Snapshot.full(db);
        assertThatThrownBy(() -> importFrom(null)).isInstanceOfSatisfying(CairnException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(4);
            assertThat(e.getMessage()).startsWith("already adopted: the history table public.cairn_history already"
                    + " has rows");
        });
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }
}
