package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.SchemaSnapshot;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Computed downs end to end through the command line: migrations without a down (drizzle-kit's,
 * Flyway {@code V} files without {@code U}) get one at apply time, and {@code rollback} uses it.
 */
class ComputedDownsCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        cli = new Cli(cwd).env("DATABASE_URL", db.url());
    }

    List<String> schema() throws Exception {
        try (Connection c = db.connect()) {
            return SchemaSnapshot.of(c);
        }
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    /** A copy of examples/drizzle in the test's folder. */
    String drizzle() throws Exception {
        Path from = ExamplesTest.examples().resolve("drizzle");
        Path to = cwd.resolve("drizzle");
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to.toString();
    }

    @Test
    void drizzleMigrationsRollBackOneStepToThePreviousSchemaWithTheirComputedDowns() throws Exception {
        String dir = drizzle();
        assertThat(cli.run("migrate", "--dir", dir, "--target", "0001").exit()).isZero();
        List<String> atOne = schema();
        Cli.Result migrate = cli.run("migrate", "--dir", dir);
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        List<String> atTwo = schema();
        assertThat(atTwo).isNotEqualTo(atOne);

        JsonNode status = json(cli.run("status", "--json", "--dir", dir).out());
        assertThat(status.at("/migrations").findValuesAsText("computedDown")).containsOnly("true");
        assertThat(cli.run("status", "--dir", dir).out()).contains("0002_product_search.sql").contains("(computed down)");

        Cli.Result dry = cli.run("rollback", "--dry-run", "--dir", dir);
        assertThat(dry.exit()).isZero();
        assertThat(dry.out()).contains("-- 0002_product_search.sql  (batch 2, down SQL computed by Cairn at apply time")
                .contains("warning: a computed down restores the schema, not data")
                .contains("-- cairn: computed down").contains("DROP TRIGGER products_search_refresh ON public.products;")
                .contains("ALTER TABLE public.products DROP COLUMN search;");
        JsonNode dryJson = json(cli.run("rollback", "--dry-run", "--json", "--dir", dir).out());
        assertThat(dryJson.at("/rollback/0/downSource").asText()).isEqualTo("computed");
        assertThat(schema()).isEqualTo(atTwo);

        Cli.Result declined = new Cli(cwd).env("DATABASE_URL", db.url()).terminal("n\n")
                .run("rollback", "--steps", "1", "--dir", dir);
        assertThat(declined.exit()).isEqualTo(6);
        assertThat(declined.err()).contains("0002_product_search.sql  (batch 2, down SQL computed by Cairn at apply time")
                .contains("warning: a computed down restores the schema, not data; it drops the data of column"
                        + " public.products.search")
                .contains("roll back 1 migration (1 with a down computed at apply time, which restores the schema, not"
                        + " data)? [y/N]");
        assertThat(schema()).isEqualTo(atTwo);

        Cli.Result rollback = cli.run("rollback", "--steps", "1", "--yes", "--dir", dir);
        assertThat(rollback.exit()).as(rollback.all()).isZero();
        assertThat(rollback.out()).contains("rolled back 0002_product_search.sql").contains("(down computed at apply time)");
        assertThat(schema()).isEqualTo(atOne);

        Cli.Result all = cli.run("rollback", "--all", "--yes", "--json", "--dir", dir);
        assertThat(all.exit()).as(all.all()).isZero();
        assertThat(json(all.out()).at("/rolledBack").findValuesAsText("downSource")).containsOnly("computed");
        assertThat(schema()).isEmpty();
        assertThat(cli.run("migrate", "--dir", dir).exit()).isZero();
        assertThat(schema()).isEqualTo(atTwo);
    }

    @Test
    void aProtectedEnvironmentNeverUsesAComputedDownWithoutConfirmation() throws Exception {
        String dir = drizzle();
        assertThat(cli.run("migrate", "--dir", dir).exit()).isZero();
        List<String> applied = schema();

        Cli.Result refused = cli.env("CAIRN_ENV", "production").run("rollback", "--steps", "1", "--yes", "--dir", dir);
        assertThat(refused.exit()).isEqualTo(6);
        assertThat(refused.err()).contains("roll back 1 migration (1 with a down computed at apply time, which restores"
                + " the schema, not data) in the protected environment 'production' needs --yes --confirm " + db.name())
                .contains("Nothing was changed");
        assertThat(schema()).isEqualTo(applied);
        assertThat(db.scalar("SELECT count(*) FROM cairn_history WHERE status = 'ROLLED_BACK'")).isEqualTo("0");

        Cli.Result confirmed = cli.run("rollback", "--steps", "1", "--yes", "--confirm", db.name(), "--dir", dir);
        assertThat(confirmed.exit()).as(confirmed.all()).isZero();
        assertThat(db.scalar("SELECT count(*) FROM cairn_history WHERE status = 'ROLLED_BACK'")).isEqualTo("1");
    }

    @Test
    void flywayVersionedFilesWithoutUndoRollBackAndADroppedColumnComesBackEmpty() throws Exception {
        MigrationDir dir = new MigrationDir(cwd.resolve("db/migrations"));
        dir.write("V1__accounts.sql", "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " email text NOT NULL, legacy_code text);\nINSERT INTO accounts (email, legacy_code) VALUES ('a@x', 'L1');\n");
        assertThat(cli.run("migrate").exit()).isZero();
        List<String> atOne = schema();
        dir.write("V2__drop_legacy.sql", "ALTER TABLE accounts DROP COLUMN legacy_code;\n"
                + "CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email));\n"
                + "COMMENT ON TABLE accounts IS 'who pays';\n");
        assertThat(cli.run("migrate").exit()).isZero();
        assertThat(schema()).isNotEqualTo(atOne);

        Cli.Result dry = cli.run("rollback", "--dry-run");
        assertThat(dry.out()).contains("-- V2__drop_legacy.sql  (batch 2, down SQL computed by Cairn at apply time")
                .contains("--   warning: a computed down restores the schema, not data: column public.accounts.legacy_code"
                        + " comes back empty")
                .contains("ALTER TABLE public.accounts ADD COLUMN legacy_code text;");
        Cli.Result rollback = cli.run("rollback", "--yes");
        assertThat(rollback.exit()).as(rollback.all()).isZero();
        assertThat(schema()).isEqualTo(atOne);
        assertThat(db.column("SELECT coalesce(legacy_code, 'empty') FROM accounts")).containsExactly("empty");
        assertThat(db.column("SELECT status FROM cairn_history ORDER BY id")).containsExactly("SUCCESS", "ROLLED_BACK");
    }

    @Test
    void computedDownsOffInCairnTomlStoresNothingAndRollbackRefusesAsBefore() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "computed_downs = false\n");
        String dir = drizzle();
        assertThat(cli.run("migrate", "--dir", dir).exit()).isZero();
        List<String> applied = schema();
        assertThat(db.scalar("SELECT count(*) FROM cairn_history WHERE down_sql IS NOT NULL")).isEqualTo("0");
        assertThat(json(cli.run("status", "--json", "--dir", dir).out()).at("/migrations")
                .findValuesAsText("computedDown")).containsOnly("false");

        Cli.Result rollback = cli.run("rollback", "--yes", "--dir", dir);
        assertThat(rollback.exit()).isEqualTo(4);
        assertThat(rollback.err()).contains("no down script", "drizzle-kit writes none", "nothing was rolled back");
        assertThat(schema()).isEqualTo(applied);
    }

    @Test
    void aComputedDownsValueThatIsNotABooleanIsAUsageErrorAndNothingRuns() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "computed_downs = \"no\"\n");
        String dir = drizzle();
        Cli.Result r = cli.run("migrate", "--dir", dir);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'computed_downs' must be true or false");
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void whatTheGeneratorCannotExpressLeavesTheMigrationWithoutADown() throws Exception {
        MigrationDir dir = new MigrationDir(cwd.resolve("db/migrations"));
        dir.write("V1__mood.sql", "CREATE TYPE mood AS ENUM ('sad', 'ok');\n")
                .write("V2__happy.sql", "ALTER TYPE mood ADD VALUE 'happy';\n");
        Cli.Result migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        assertThat(migrate.err()).contains("note: V2__happy.sql: the schema change includes what the generator cannot"
                + " express (type public.mood): no down was computed; write one by hand to roll it back");
        assertThat(db.column("SELECT version FROM cairn_history WHERE down_sql IS NOT NULL")).containsExactly("1");

        Cli.Result dry = cli.run("rollback", "--dry-run");
        assertThat(dry.out()).contains("-- V2__happy.sql  (batch 1, no down script: cannot be rolled back)")
                .contains("-- V1__mood.sql  (batch 1, down SQL computed by Cairn at apply time");
        Cli.Result refused = cli.run("rollback", "--yes");
        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.err()).contains("2 (V2__happy.sql) has no down script");
    }
}
