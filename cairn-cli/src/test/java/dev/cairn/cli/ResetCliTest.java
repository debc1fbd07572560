package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.Snapshot;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn reset} as a new user runs it: the README's examples, all or nothing. */
class ResetCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir migrations;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        migrations = new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_customers.sql", "CREATE TABLE customers (email text PRIMARY KEY);", "DROP TABLE customers;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
        new MigrationDir(cwd.resolve("db/seeds")).write("001_admin.sql", "INSERT INTO customers VALUES ('admin@example.com');\n");
        assertThat(cli().run("migrate").exit()).isZero();
        assertThat(cli().run("seed").exit()).isZero();
        db.execute("INSERT INTO orders VALUES (1), (2)");
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    @Test
    void theReadmesSchemaExampleOnADatabaseWithoutThoseSchemasIsExitTwoAndTouchesNothing() throws Exception {
        String before = Snapshot.full(db);
        Cli.Result r = cli().run("reset", "--schema", "app", "--schema", "audit", "--yes");
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("schema app does not exist in this database")
                .contains("schema audit does not exist in this database").contains("Nothing was dropped");
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }

    @Test
    void aSystemSchemaIsRefused() throws Exception {
        String before = Snapshot.full(db);
        Cli.Result r = cli().run("reset", "--schema", "information_schema", "--yes");
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("schema information_schema is a system schema");
        assertThat(Snapshot.full(db)).isEqualTo(before);
        assertThat(db.scalar("SELECT count(*) > 0 FROM information_schema.tables")).isEqualTo("t");
    }

    @Test
    void aResetWhoseMigrationFailsChangesNothing() throws Exception {
        migrations.dbmate("003_broken.sql", "CREATE TABLE invoices (id int);\nSELECT * FROM nope;", "DROP TABLE invoices;");
        String before = Snapshot.full(db);
        Cli.Result r = cli().run("reset", "--yes", "--seed");
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("then migrate in the same transaction")
                .contains("reset: migration 003 failed at").contains("nothing was dropped");
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }

    @Test
    void aResetListsItsSchemasDropsMigratesAndSeeds() throws Exception {
        Cli.Result r = cli().run("reset", "--yes", "--seed");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.err()).contains("reset will drop every object in schema(s) public of database " + db.name());
        assertThat(r.out()).contains("applied 2 migration(s)").contains("seeded 1 file(s)");
        assertThat(db.scalar("SELECT count(*) FROM orders")).isEqualTo("0");
        assertThat(db.column("SELECT email FROM customers")).containsExactly("admin@example.com");
    }
}
