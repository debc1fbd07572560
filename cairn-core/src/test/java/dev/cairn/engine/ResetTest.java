package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.error.CairnException;
import dev.cairn.testing.Snapshot;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** reset: checked schemas, the schemas it manages by default, and all or nothing with the migrations. */
class ResetTest extends EngineTestBase {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @Override
    TestDatabase db() {
        return db;
    }

    @BeforeEach
    @AfterEach
    void dropOtherSchemas() throws Exception {
        db.execute("DROP SCHEMA IF EXISTS tenants CASCADE", "DROP SCHEMA IF EXISTS system CASCADE",
                "DROP SCHEMA IF EXISTS ext_owned CASCADE", "DROP EXTENSION IF EXISTS pg_trgm");
    }

    private static Reset.Options migrating(String... schemas) {
        return new Reset.Options(List.of(schemas), true);
    }

    private void migrateTwoAndAddRows() throws Exception {
        dir.dbmate("001_customers.sql", "CREATE TABLE customers (id int PRIMARY KEY, name text);\n"
                + "INSERT INTO customers VALUES (1, 'from the migration');", "DROP TABLE customers;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int, customer int REFERENCES customers);",
                        "DROP TABLE orders;");
        cairn().migrate();
        db.execute("INSERT INTO customers VALUES (2, 'added later')", "INSERT INTO orders VALUES (10, 2)");
    }

    @Test
    void schemasThatDoNotExistAreExitTwoAndNothingIsTouched() throws Exception {
        migrateTwoAndAddRows();
        String before = Snapshot.full(db);

        assertThatThrownBy(() -> cairn().reset(migrating("app", "audit"), plan -> true))
                .isInstanceOf(CairnException.class)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2))
                .hasMessageContaining("schema app does not exist in this database")
                .hasMessageContaining("schema audit does not exist in this database")
                .hasMessageContaining("Nothing was dropped");
        assertThat(Snapshot.full(db)).isEqualTo(before);
        assertThat(db.column("SELECT status FROM cairn_history ORDER BY id")).containsExactly("SUCCESS", "SUCCESS");
    }

    @Test
    void systemAndExtensionSchemasAreRefusedBeforeAnythingIsDropped() throws Exception {
        migrateTwoAndAddRows();
        db.execute("CREATE EXTENSION pg_trgm", "CREATE SCHEMA ext_owned", "ALTER EXTENSION pg_trgm ADD SCHEMA ext_owned");
        String before = Snapshot.full(db);
        String tables = db.scalar("SELECT count(*) FROM information_schema.tables");

        for (String[] bad : new String[][] {{"information_schema", "is a system schema"},
                {"pg_catalog", "is a system schema"}, {"pg_toast", "is a system schema"},
                {"ext_owned", "belongs to the extension pg_trgm"}}) {
            assertThatThrownBy(() -> cairn().reset(migrating("public", bad[0]), plan -> true))
                    .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2))
                    .hasMessageContaining("schema " + bad[0] + " " + bad[1]);
            assertThatThrownBy(() -> cairn().reset(List.of(bad[0]), plan -> true))
                    .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(2));
        }
        assertThat(Snapshot.full(db)).isEqualTo(before);
        assertThat(db.scalar("SELECT count(*) FROM information_schema.tables")).isEqualTo(tables);
        db.execute("ALTER EXTENSION pg_trgm DROP SCHEMA ext_owned");
    }

    @Test
    void aResetWhoseMigrationFailsLeavesTablesRowsAndHistoryAsTheyWere() throws Exception {
        migrateTwoAndAddRows();
        dir.dbmate("003_broken.sql", "CREATE TABLE invoices (id int);\nSELECT * FROM nope;", "DROP TABLE invoices;");
        String before = Snapshot.full(db);
        String history = String.join("\n", db.column("SELECT concat_ws(' ', id, version, status, batch, applied_at)"
                + " FROM cairn_history ORDER BY id"));

        assertThatThrownBy(() -> cairn().reset(migrating(), plan -> {
            assertThat(plan.separately()).isEmpty();
            return true;
        }))
                .isInstanceOf(MigrationException.class)
                .satisfies(e -> assertThat(((CairnException) e).exitCode()).isEqualTo(1))
                .hasMessageContaining("reset: migration 003 failed at")
                .hasMessageContaining("003_broken.sql:3")
                .hasMessageContaining("nothing was dropped and the database is as it was before the reset");

        assertThat(Snapshot.full(db)).isEqualTo(before);
        assertThat(String.join("\n", db.column("SELECT concat_ws(' ', id, version, status, batch, applied_at)"
                + " FROM cairn_history ORDER BY id"))).isEqualTo(history);
        assertThat(db.column("SELECT name FROM customers ORDER BY id")).containsExactly("from the migration", "added later");
    }

    @Test
    void aResetThatMigratesRebuildsTheSchemaWithItsRowsAndAFreshHistory() throws Exception {
        migrateTwoAndAddRows();
        String schema = Snapshot.schema(db);

        Reset.Result r = cairn().reset(migrating(), plan -> true);

        assertThat(r.migrated().applied()).extracting(Applied::version).containsExactly("001", "002");
        assertThat(Snapshot.schema(db)).isEqualTo(schema);
        assertThat(db.column("SELECT name FROM customers")).containsExactly("from the migration");
        assertThat(db.column("SELECT version || ' ' || status || ' ' || batch FROM cairn_history ORDER BY id"))
                .containsExactly("001 SUCCESS 1", "002 SUCCESS 1");
        assertThat(cairn().status().summary().pending()).isZero();
    }

    @Test
    void seedThreesLayoutIsDroppedAndRebuiltByAPlainReset() throws Exception {
        Path examples = Path.of("..", "examples", "seed003-dated");
        try (Stream<Path> files = Files.list(examples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                dir.write(f.getFileName().toString(), Files.readString(f));
            }
        }
        Cairn cairn = Cairn.configure().url(db.url()).locations(dir.path()).table("system.schema_migrations").load();
        cairn.migrate();
        String schema = Snapshot.schema(db);
        db.execute("INSERT INTO tenants.business (slug, name) VALUES ('acme', 'Acme')");

        List<List<String>> planned = new ArrayList<>();
        Reset.Result r = cairn.reset(migrating(), plan -> {
            planned.add(plan.schemas());
            return true;
        });

        assertThat(planned.get(0)).containsExactlyInAnyOrder("public", "system", "tenants");
        assertThat(r.dropped()).contains("DROP SCHEMA tenants CASCADE");
        assertThat(r.migrated().applied()).hasSize(4);
        assertThat(Snapshot.schema(db)).isEqualTo(schema);
        assertThat(db.scalar("SELECT count(*) FROM tenants.business")).isEqualTo("0");
        assertThat(db.scalar("SELECT count(*) FROM system.schema_migrations WHERE status = 'SUCCESS'")).isEqualTo("4");
        assertThat(cairn.validate().valid()).isTrue();
    }

    @Test
    void aMigrationThatCannotRunInATransactionCommitsTheDropFirstAndSaysSo() throws Exception {
        migrateTwoAndAddRows();
        dir.write("003_idx.sql", "CREATE INDEX CONCURRENTLY orders_id ON orders (id);\n");
        cairn().migrate();

        List<String> separately = new ArrayList<>();
        Reset.Result r = cairn().reset(migrating(), plan -> separately.add(plan.separately()));

        assertThat(separately.get(0)).contains("migration 003 (003_idx.sql) cannot run in a transaction");
        assertThat(r.migrated().applied()).hasSize(3);
        assertThat(db.scalar("SELECT count(*) FROM orders")).isEqualTo("0");
    }

    @Test
    void anEnumValueAddedByOneMigrationAndUsedByTheNextStillResets() throws Exception {
        dir.dbmate("001_mood.sql", "CREATE TYPE mood AS ENUM ('happy');", "DROP TYPE mood;")
                .dbmate("002_sad.sql", "ALTER TYPE mood ADD VALUE 'sad';", "SELECT 1;")
                .dbmate("003_people.sql", "CREATE TABLE people (feeling mood DEFAULT 'sad');\nINSERT INTO people DEFAULT VALUES;",
                        "DROP TABLE people;");
        cairn().migrate();

        List<String> separately = new ArrayList<>();
        Reset.Result r = cairn().reset(migrating(), plan -> separately.add(plan.separately()));

        assertThat(separately.get(0)).contains("migration 002 (002_sad.sql) adds an enum value");
        assertThat(r.migrated().applied()).hasSize(3);
        assertThat(db.column("SELECT feeling::text FROM people")).containsExactly("sad");
    }

    @Test
    void aResetInTableLockModeMigratesInOneTransactionAndKeepsItsLockTable() throws Exception {
        dir.dbmate("001_a.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);", "DROP TABLE a;");
        Cairn table = Cairn.configure().url(db.url()).locations(dir.path()).lockMode(dev.cairn.config.LockMode.TABLE).load();
        table.migrate();
        db.execute("INSERT INTO a VALUES (2)");

        Reset.Result r = table.reset(migrating(), plan -> plan.separately().isEmpty());

        assertThat(r.dropped()).noneMatch(d -> d.contains("cairn_history_lock"));
        assertThat(r.migrated().applied()).hasSize(1);
        assertThat(db.column("SELECT id::text FROM a")).containsExactly("1");
        assertThat(db.relations()).contains("cairn_history_lock");
    }

    @Test
    void theDefaultSchemasLeaveSystemAndExtensionSchemasAlone() throws Exception {
        migrateTwoAndAddRows();
        db.execute("CREATE EXTENSION pg_trgm", "CREATE SCHEMA ext_owned", "ALTER EXTENSION pg_trgm ADD SCHEMA ext_owned",
                "CREATE TABLE ext_owned.member (id int)", "ALTER EXTENSION pg_trgm ADD TABLE ext_owned.member");
        List<List<String>> planned = new ArrayList<>();
        cairn().reset(migrating(), plan -> planned.add(plan.schemas()));
        assertThat(planned.get(0)).containsExactly("public");
        assertThat(db.scalar("SELECT count(*) FROM ext_owned.member")).isEqualTo("0");
        db.execute("ALTER EXTENSION pg_trgm DROP TABLE ext_owned.member", "ALTER EXTENSION pg_trgm DROP SCHEMA ext_owned");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "CREATE SCHEMA tenants;                                 | tenants  | tenants",
        "create schema IF NOT EXISTS audit;                     | audit    | ''",
        "CREATE SCHEMA \"Mixed\"\"Case\";                         | Mixed\"Case | Mixed\"Case",
        "CREATE SCHEMA Upper AUTHORIZATION joe;                 | upper    | upper",
        "CREATE SCHEMA AUTHORIZATION joe;                       | joe      | joe",
        "CREATE SCHEMA AUTHORIZATION CURRENT_USER;              | ''       | ''",
        "CREATE TABLE schema_log (id int);                      | ''       | ''"})
    void findsTheSchemasTheMigrationsCreate(String sql, String all, String strict) {
        ScriptPlan plan = new ScriptPlan(List.of(new dev.cairn.sql.SqlStatement(1, 1, sql, "")), true, "");
        assertThat(CreatedSchemas.all(List.of(plan))).isEqualTo(all.isEmpty() ? List.of() : List.of(all));
        assertThat(CreatedSchemas.strict(List.of(plan))).isEqualTo(strict.isEmpty() ? List.of() : List.of(strict));
    }
}
