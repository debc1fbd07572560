package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.Snapshot;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn import} through the real command line: exit codes, text and JSON, the database after. */
class ImportCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    @BeforeEach
    void dbmateProject() throws Exception {
        db.reset();
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("20240101120000_users.sql", "CREATE TABLE users (id int);", "DROP TABLE users;")
                .dbmate("20240102120000_orders.sql", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
        // What dbmate leaves behind (pkg/driver/postgres/postgres.go; as dbmate 2.36.0 creates it): its table and one
        // row per version.
        db.execute("CREATE TABLE users (id int)", "CREATE TABLE orders (id int)",
                "create table if not exists \"public\".\"schema_migrations\" (version varchar primary key)",
                "insert into \"public\".\"schema_migrations\" (version) values ('20240101120000'), ('20240102120000')");
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    @Test
    void importsThenStatusValidateAndMigrateHaveNothingToDo() throws Exception {
        Cli.Result dry = cli().run("import", "--dry-run");
        assertThat(dry.exit()).as(dry.all()).isZero();
        assertThat(dry.out()).contains("20240101120000 20240101120000_users.sql")
                .contains("-- dry run: would import 2 migration(s) from dbmate (public.schema_migrations); nothing is"
                        + " changed");
        assertThat(db.relations()).doesNotContain("cairn_history");

        Cli.Result r = cli().run("import");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("imported 2 migration(s) from dbmate (public.schema_migrations) as applied"
                + " (kind imported); public.schema_migrations is left as it was");
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY 1"))
                .containsExactly("20240101120000", "20240102120000");

        Cli.Result status = cli().run("status", "--check");
        assertThat(status.exit()).as(status.all()).isZero();
        assertThat(cli().run("validate").exit()).isZero();
        Cli.Result migrate = cli().run("migrate");
        assertThat(migrate.exit()).isZero();
        assertThat(migrate.all()).doesNotContain("applied 20240");
        Cli.Result rollback = cli().run("rollback", "--yes");
        assertThat(rollback.exit()).as(rollback.all()).isZero();
        assertThat(db.relations()).doesNotContain("users", "orders");

        Cli.Result again = cli().run("import");
        assertThat(again.exit()).isEqualTo(4);
        assertThat(again.err()).contains("error: already adopted: the history table public.cairn_history already has"
                + " rows");
    }

    @Test
    void jsonDocument() throws Exception {
        Cli.Result r = cli().run("import", "--from", "dbmate", "--json");
        assertThat(r.exit()).as(r.all()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("from").asText()).isEqualTo("dbmate");
        assertThat(doc.get("table").asText()).isEqualTo("public.schema_migrations");
        assertThat(doc.get("imported")).hasSize(2);
        assertThat(doc.get("imported").get(0).get("version").asText()).isEqualTo("20240101120000");
        assertThat(doc.get("imported").get(0).get("script").asText()).isEqualTo("20240101120000_users.sql");
        assertThat(doc.get("imported").get(0).get("appliedAt").isNull()).isTrue();
        assertThat(doc.get("problems")).isEmpty();
    }

    @Test
    void refusalsExitFourWithOneLineEachAndChangeNothing() throws Exception {
        db.execute("insert into \"public\".\"schema_migrations\" (version) values ('20240103000000')");
        String before = Snapshot.full(db);

        Cli.Result r = cli().run("import");
        assertThat(r.exit()).as(r.all()).isEqualTo(4);
        assertThat(r.err()).contains("refused: version 20240103000000: dbmate recorded it as applied, but no"
                + " migration file has it").contains("nothing was imported from dbmate (public.schema_migrations):"
                + " 1 problem; public.schema_migrations is unchanged");
        assertThat(Snapshot.full(db)).isEqualTo(before);

        Cli.Result json = cli().run("import", "--json");
        assertThat(json.exit()).isEqualTo(4);
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("problems")).hasSize(1);
        assertThat(doc.get("problems").get(0).asText()).startsWith("version 20240103000000:");
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }

    @Test
    void pointingCairnAtAnotherToolsTableSaysWhoseItIsAndHowToImportIt() throws Exception {
        db.execute("CREATE TABLE migrations_history (id SERIAL PRIMARY KEY, version VARCHAR(50) UNIQUE NOT NULL,"
                + " name VARCHAR(255) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,"
                + " checksum VARCHAR(64) NOT NULL, execution_time INTEGER NOT NULL DEFAULT 0,"
                + " applied_by VARCHAR(100) DEFAULT CURRENT_USER, status VARCHAR(20) DEFAULT 'SUCCESS')");
        String before = Snapshot.full(db);
        Cli.Result r = cli().run("status", "--table", "migrations_history");
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("the history table public.migrations_history is not Cairn's: it looks like"
                + " migrations-history's history table").contains("'cairn import --from migrations-history --table"
                + " public.migrations_history'");
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }

    @Test
    void badInputIsExitTwo() throws Exception {
        String before = Snapshot.full(db);
        Cli.Result unknown = cli().run("import", "--from", "liquibase");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--from liquibase: not a tool Cairn can import from; give one of flyway,"
                + " golang-migrate, dbmate");
        Cli.Result missing = cli().run("import", "--table", "flyway_history");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("the table public.flyway_history does not exist");
        Cli.Result wrongTool = cli().run("import", "--from", "golang-migrate");
        assertThat(wrongTool.exit()).isEqualTo(2);
        assertThat(wrongTool.err()).contains("public.schema_migrations does not look like golang-migrate's history"
                + " table").contains("(it looks like dbmate's)");
        db.execute("CREATE TABLE goose_db_version (id serial NOT NULL, version_id bigint NOT NULL,"
                + " is_applied boolean NOT NULL, tstamp timestamp NULL default now(), PRIMARY KEY(id))");
        Cli.Result several = cli().run("import");
        assertThat(several.exit()).isEqualTo(2);
        assertThat(several.err()).contains("several tools' history tables were found: dbmate"
                + " (public.schema_migrations), goose (public.goose_db_version)");
        db.execute("DROP TABLE goose_db_version");
        assertThat(Snapshot.full(db)).isEqualTo(before);
        assertThat(cli().run("import", "--help").out()).contains("The other tool's history table");
    }
}
