package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The seed runners' workflows through the real command line: what a user types and sees. */
class SeedFlowsCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir dir;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        dir = new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY);", "DROP TABLE orders;")
                .dbmate("003_items.sql", "CREATE TABLE items (id int PRIMARY KEY);", "DROP TABLE items;");
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    private void editOrders() {
        dir.dbmate("002_orders.sql", "CREATE TABLE orders (id int PRIMARY KEY);\nCREATE INDEX orders_id ON orders (id);",
                "DROP TABLE orders;");
    }

    @Test
    void rerunModifiedAndItsForceAliasRunTheChangedFileAgain() throws Exception {
        cli().run("migrate");
        editOrders();
        Cli.Result refused = cli().run("migrate");
        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.err()).contains("or 'cairn migrate --rerun-modified' to run it again");

        // The file creates orders again, which exists: the re-run fails and is rolled back as a whole.
        Cli.Result failed = cli().run("migrate", "--force");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).contains("relation \"orders\" already exists").contains("nothing of 002 was applied");

        dir.dbmate("002_orders.sql", "CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY);\n"
                + "CREATE INDEX IF NOT EXISTS orders_id ON orders (id);", "DROP TABLE orders;");
        // Its last attempt failed, so it is retried like any failed migration, by a plain migrate.
        Cli.Result r = cli().run("migrate");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("applied 002_orders.sql").contains("applied 1 migration in");
        assertThat(db.scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_id'")).isEqualTo("1");
        assertThat(db.column("SELECT status FROM cairn_history WHERE version = '002' ORDER BY id"))
                .containsExactly("SUCCESS", "FAILED", "SUCCESS");
        assertThat(cli().run("migrate").out()).contains("up to date");
    }

    @Test
    void rerunInAProtectedEnvironmentNeedsTheSameConfirmationAsRollback() throws Exception {
        cli().run("migrate");
        dir.dbmate("002_orders.sql", "CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY);", "DROP TABLE orders;");
        Cli production = cli().env("NODE_ENV", "production");
        Cli.Result refused = production.run("migrate", "--rerun-modified", "--no-backup");
        assertThat(refused.exit()).isEqualTo(6);
        assertThat(refused.err()).contains("re-run 1 changed migration in the protected environment 'production' needs"
                + " --yes --confirm " + db.name()).contains("Nothing was changed");
        assertThat(db.scalar("SELECT count(*) FROM cairn_history WHERE version = '002'")).isEqualTo("1");

        Cli.Result done = production.run("migrate", "--rerun-modified", "--no-backup", "--yes", "--confirm", db.name());
        assertThat(done.exit()).as(done.all()).isZero();
        assertThat(done.out()).contains("re-applied 002_orders.sql").contains("(changed since it was applied; the"
                + " earlier history row stays)").contains("applied 1 migration in");
        assertThat(db.scalar("SELECT count(*) FROM cairn_history WHERE version = '002'")).isEqualTo("2");
    }

    @Test
    void rerunModifiedFromCairnToml() throws Exception {
        cli().run("migrate");
        dir.dbmate("002_orders.sql", "CREATE TABLE IF NOT EXISTS orders (id int PRIMARY KEY);", "DROP TABLE orders;");
        Files.writeString(cwd.resolve("cairn.toml"), "rerun_modified = true\n");
        Cli.Result r = cli().run("migrate");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("re-applied 002_orders.sql");
        Files.writeString(cwd.resolve("cairn.toml"), "rerun_modified = \"yes\"\n");
        assertThat(cli().run("migrate").err()).contains("'rerun_modified' must be true or false");
    }

    @Test
    void migrateOnlyAndRollbackOnly() throws Exception {
        Cli.Result one = cli().run("migrate", "--only", "002_orders");
        assertThat(one.exit()).as(one.all()).isZero();
        assertThat(one.out()).contains("applied 002_orders.sql").contains("applied 1 migration in");
        assertThat(db.relations()).contains("orders").doesNotContain("users", "items");

        Cli.Result below = cli().run("migrate", "--only", "001");
        assertThat(below.exit()).isEqualTo(4);
        assertThat(below.err()).contains("run with --out-of-order");
        assertThat(cli().run("migrate", "--only", "001", "--out-of-order").exit()).isZero();
        assertThat(cli().run("migrate").exit()).isZero();

        Cli.Result newer = cli().run("rollback", "--only", "002", "--yes");
        assertThat(newer.exit()).isEqualTo(4);
        // 001 went in after 002 (out of order), so it counts as newer too.
        assertThat(newer.err()).contains("--only 002: 2 newer migrations are applied after 002 (003 (003_items.sql),"
                + " 001 (001_users.sql)) and may depend on it; roll them back first, or add --force");
        Cli.Result forced = cli().run("rollback", "--only", "002", "--force", "--yes");
        assertThat(forced.exit()).as(forced.all()).isZero();
        assertThat(forced.out()).contains("rolled back 002_orders.sql").contains("rolled back 1 migration");
        assertThat(db.relations()).contains("users", "items").doesNotContain("orders");
        assertThat(cli().run("rollback", "--force", "--yes").err()).contains("--force goes with --only");
        assertThat(cli().run("migrate", "--only", "nope").exit()).isEqualTo(2);
    }

    @Test
    void rollbackDryRunListsThePlanWithSqlAndThePromptShowsTheSameList() throws Exception {
        dir.write("004_plain.sql", "CREATE TABLE plain (id int);\n");
        Files.writeString(cwd.resolve("cairn.toml"), "computed_downs = false\n");
        cli().run("migrate", "--target", "003");
        cli().run("migrate");
        Cli.Result r = cli().run("rollback", "--dry-run", "--all");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("-- dry run: would roll back 4 migrations, newest first; nothing is changed")
                .contains("-- 004_plain.sql  (batch 2, no down script: cannot be rolled back)")
                .contains("-- 003_items.sql  (batch 1, down SQL from the file)\nDROP TABLE items;")
                .contains("-- 1 migration has no down script: this rollback would be refused (exit 4)");
        assertThat(r.out().indexOf("003_items")).isLessThan(r.out().indexOf("001_users"));
        assertThat(db.relations()).contains("users", "orders", "items", "plain");

        Cli.Result j = cli().run("rollback", "--dry-run", "--json");
        JsonNode doc = json(j.out());
        assertThat(doc.at("/dryRun").asBoolean()).isTrue();
        assertThat(doc.at("/rollback/0/version").asText()).isEqualTo("004");
        assertThat(doc.at("/rollback/0/downSource").asText()).isEqualTo("missing");

        dir.delete("004_plain.sql");
        db.execute("DELETE FROM cairn_history WHERE version = '004'");
        Cli.Result no = cli().terminal("n\n").run("rollback", "--steps", "2");
        assertThat(no.exit()).isEqualTo(6);
        assertThat(no.err()).contains("about to roll back, newest first:\n  003_items.sql  (batch 1, down SQL from the"
                + " file)\n  002_orders.sql  (batch 1, down SQL from the file)\nroll back 2 migrations? [y/N]");
    }

    @Test
    void newTakesADescriptionForTheHeaderComment() throws Exception {
        Cli.Result r = cli().run("new", "add_ratings", "Add celebrity ratings");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("created db/migrations/004_add_ratings.sql");
        String text = Files.readString(dir.path().resolve("004_add_ratings.sql"));
        assertThat(text).startsWith("-- migrate:up\n-- Add celebrity ratings\n-- Created: 20")
                .contains("-- Prefer idempotent forms").contains("-- Write the down script too");
        assertThat(cli().run("new", "a", "b", "c").exit()).isEqualTo(2);
    }

    @Test
    void aSeedsLeadingCommentIsPrintedAfterItRunsButNeverInAProtectedEnvironment() throws Exception {
        cli().run("migrate");
        MigrationDir seeds = new MigrationDir(cwd.resolve("db/seeds"))
                .write("001_users.sql", "-- Test users (password 'secret'):\n--   admin: id 1\n--\n--   guest: id 2\n"
                        + "INSERT INTO users VALUES (1), (2) ON CONFLICT DO NOTHING;\n-- not part of the note\n")
                .write("002_orders.sql", "INSERT INTO orders VALUES (1) ON CONFLICT DO NOTHING;\n");
        Cli.Result r = cli().run("seed");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).isEqualTo("seeded 2 file(s)\n001_users.sql:\n  Test users (password 'secret'):\n"
                + "  admin: id 1\n\n  guest: id 2\n");
        assertThat(json(cli().run("seed", "--rerun", "--json").out()).at("/notes/001_users.sql").asText())
                .startsWith("Test users");
        assertThat(cli().run("seed").out()).isEqualTo("seeded 0 file(s), 2 unchanged\n");

        seeds.write("production/001_ops.sql", "-- ops login: ops / hunter2\nINSERT INTO users VALUES (3);\n");
        Cli.Result production = cli().env("NODE_ENV", "production").run("seed");
        assertThat(production.exit()).isEqualTo(6);
        assertThat(production.err()).contains("error: seed in the protected environment 'production' needs --yes"
                + " --confirm " + db.name() + " (there is no terminal to ask on)");
        Cli.Result confirmed = cli().env("NODE_ENV", "production").run("seed", "--yes", "--confirm", db.name());
        assertThat(confirmed.exit()).as(confirmed.all()).isZero();
        assertThat(confirmed.out()).isEqualTo("seeded 1 file(s)\n");
        assertThat(confirmed.all()).doesNotContain("hunter2");
    }

    @Test
    void statusEstimatesTheSizeAndMeasuresItWithSizes() throws Exception {
        dir.delete("002_orders.sql").delete("003_items.sql");
        cli().run("migrate");
        Cli.Result r = cli().run("status");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).containsPattern("database size \u2248 [0-9.]+ MB \\(estimated from the catalog; exact:"
                + " status --sizes\\), 2 tables; largest:");
        Cli.Result exact = cli().run("status", "--sizes");
        assertThat(exact.out()).containsPattern("database size [0-9.]+ MB, 2 tables; largest:");
        assertThat(json(cli().run("status", "--json").out()).at("/size/exact").asBoolean()).isFalse();
        assertThat(json(cli().run("status", "--json", "--sizes").out()).at("/size/exact").asBoolean()).isTrue();
        db.execute("DROP TABLE users");
        assertThat(cli().run("status").out()).contains(", 1 table; largest:");
    }

    @Test
    void wordingCountsAndDryRunsSayWhatHappened() throws Exception {
        // A failure repaired is not a rollback.
        dir.write("004_bad.sql", "SELECT 1/0;\n");
        cli().run("migrate");
        assertThat(cli().run("repair", "--yes").exit()).isZero();
        dir.delete("004_bad.sql");
        assertThat(cli().run("status").out()).doesNotContain("recent rollbacks").doesNotContain("004_bad");
        assertThat(cli().run("rollback", "--steps", "1", "--yes").exit()).isZero();
        assertThat(cli().run("status").out()).contains("recent rollbacks:\n  003_items.sql  batch 1  rolled back ");

        // A dry run changed nothing, so it does not say "nothing was applied".
        dir.dbmate("001_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);", "DROP TABLE users;");
        Cli.Result dry = cli().run("migrate", "--dry-run");
        assertThat(dry.exit()).isEqualTo(4);
        assertThat(dry.err()).startsWith("error: nothing would be applied; applied migration 001")
                .contains("(dry run: nothing was changed)").doesNotContain("nothing was applied");

        // One newer migration rolled back before a failing down script: singular.
        dir.dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE nope;");
        Cli.Result failed = cli().run("rollback", "--all", "--yes");
        assertThat(failed.exit()).as(failed.all()).isEqualTo(1);
        assertThat(failed.err()).contains("rolled back: 001 stays applied; the 1 newer migration before it was rolled back");
    }

    @Test
    void helpNamesEveryConventionAndShowsEachCommandsOwnOptionsAndExamplesFirst() {
        Cli.Result top = cli().run("--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("dbmate", "golang-migrate", "numbered", "forward/back", "dated", "drizzle-kit",
                "Flyway", "diesel", "goose", "sql-migrate").doesNotContainIgnoringCase("seed 00");
        for (String command : new String[] {"migrate", "status", "rollback", "validate", "new", "repair", "baseline",
                "seed", "reset", "unlock", "backup", "restore", "import", "snapshot", "drift", "verify", "lint", "generate"}) {
            String help = cli().run(command, "--help").out();
            assertThat(help).as(command).startsWith("Usage: cairn " + command + " [OPTIONS]");
            int examples = help.indexOf("\nExamples:");
            int shared = help.indexOf("\nDatabase options (shared by the database commands):");
            assertThat(examples).as(command).isPositive();
            assertThat(shared).as(command).isGreaterThan(examples);
            assertThat(help.indexOf("--url=URL")).as(command).isGreaterThan(shared);
            assertThat(help.indexOf("--help")).as(command).isLessThan(examples);
            // Example lines fit in 80 columns: none is wrapped to column 0.
            help.substring(examples + 11).lines().takeWhile(l -> !l.isEmpty()).forEach(l -> assertThat(l)
                    .as(command).startsWith("  ").hasSizeLessThanOrEqualTo(80));
        }
        assertThat(cli().run("migrate", "--help").out().indexOf("--dry-run"))
                .isLessThan(cli().run("migrate", "--help").out().indexOf("Examples:"));

        Cli.Result typo = cli().run("migrat");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("did you mean 'cairn migrate'?");
        assertThat(cli().run("migrate", "--dryrun").err()).contains("did you mean '--dry-run'?");
    }

    @Test
    void aProgressLineOnATerminalOnlyAndNeverWithJson() throws Exception {
        dir.dbmate("004_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("005_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");
        Cli.Result plain = cli().run("migrate", "--target", "003");
        assertThat(plain.err()).doesNotContain("[1/");
        assertThat(cli().run("rollback", "--all", "--yes").err()).doesNotContain("[1/");

        Cli.Result few = cli().terminal("").run("migrate", "--target", "003");
        assertThat(few.exit()).isZero();
        assertThat(few.err()).doesNotContain("[1/");
        assertThat(cli().terminal("").run("rollback", "--all", "--yes").exit()).isZero();

        Cli.Result many = cli().terminal("").run("migrate");
        assertThat(many.exit()).as(many.all()).isZero();
        assertThat(many.err()).contains("\r[1/5] 001_users.sql, 0s\u001b[K").contains("\r[5/5] 005_b.sql, ")
                .endsWith("\r\u001b[K");
        assertThat(many.out()).contains(" 001_users.sql  ").contains("applied 5 migrations in")
                .doesNotContain("[1/");

        Cli.Result back = cli().terminal("").run("rollback", "--all", "--yes");
        assertThat(back.exit()).isZero();
        assertThat(back.err()).contains("\r[1/5] 005_b.sql, ").contains("\r[5/5] 001_users.sql, ");

        Cli.Result json = cli().terminal("").run("migrate", "--json");
        assertThat(json.exit()).isZero();
        assertThat(json.err()).doesNotContain("[1/");
        assertThat(json(json.out()).at("/applied").size()).isEqualTo(5);
    }
}
