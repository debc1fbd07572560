package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** cairn verify through the real command line: round trips on a scratch database, the target untouched. */
class VerifyCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    Cli cli;
    List<String> scratchBefore;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        cli = new Cli(cwd).env("DATABASE_URL", db.url());
        scratchBefore = DriftCliTest.scratchDatabases();
    }

    @AfterEach
    void noScratchLeft() throws Exception {
        assertThat(DriftCliTest.scratchDatabases()).isEqualTo(scratchBefore);
    }

    @Test
    void aCleanSetPassesAndTheTargetIsNotTouched() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TYPE role AS ENUM ('a', 'b');\nCREATE TABLE users (id int PRIMARY KEY,"
                        + " r role NOT NULL);", "DROP TABLE users;\nDROP TYPE role;")
                .dbmate("002_index.sql", "CREATE INDEX CONCURRENTLY users_r ON users (r);",
                        "DROP INDEX CONCURRENTLY users_r;")
                .dbmate("003_fn.sql", "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1';", "");
        Cli.Result r = cli.run("verify");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("ok                   001 001_users.sql", "ok                   002 002_index.sql",
                "no-down              003 003_fn.sql", "verified 3 migrations");
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void downsThatLeaveSomethingBehindAreEachNamedAndVerifyGoesOn() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);", "DROP TABLE users;")
                .dbmate("002_index.sql", "CREATE INDEX users_email ON users (email);", "SELECT 1;")
                .dbmate("003_type.sql", "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);", "SELECT 1;")
                .dbmate("004_table.sql", "CREATE TABLE audit (id int);\nCREATE TABLE audit2 (id int);",
                        "DROP TABLE audit2;")
                .dbmate("005_ok.sql", "CREATE TABLE fine (id int);", "DROP TABLE fine;")
                .dbmate("006_bad.sql", "CREATE TABLE broken (id int REFERENCES nowhere);", "DROP TABLE broken;")
                .dbmate("007_after.sql", "CREATE TABLE later (id int);", "DROP TABLE later;");
        Cli.Result r = cli.run("verify");
        assertThat(r.exit()).as(r.all()).isEqualTo(4);
        assertThat(r.out()).contains(
                "ok                   001 001_users.sql",
                "down-leaves-changes  002 002_index.sql",
                "  index public.users_email: left behind by the down",
                "down-leaves-changes  003 003_type.sql",
                "  column public.users.email: not restored by the down: before the up text; after the down"
                        + " character varying(200)",
                "down-leaves-changes  004 004_table.sql",
                "  table public.audit: left behind by the down",
                "ok                   005 005_ok.sql",
                "up-failed            006 006_bad.sql: db/migrations/006_bad.sql:2: SQLSTATE 42P01: relation \"nowhere\" does not exist",
                "not-run              007 007_after.sql",
                "5 of 7 migrations failed verification");
        assertThat(db.relations()).isEmpty();

        Cli.Result json = cli.run("verify", "--json");
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("passed").asBoolean()).isFalse();
        JsonNode second = root.get("migrations").get(1);
        assertThat(second.get("outcome").asText()).isEqualTo("down leaves changes");
        assertThat(second.get("differences").get(0).get("object").asText()).isEqualTo("public.users_email");
    }

    @Test
    void pendingVerifiesOnlyThePendingOnTopOfTheAppliedAndCatchesAForgottenIndex() throws Exception {
        MigrationDir dir = new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);", "DROP TABLE users;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int, user_id int);", "DROP TABLE orders;");
        Cli.Result migrate = cli.run("migrate");
        assertThat(migrate.exit()).as(migrate.all()).isZero();
        dir.dbmate("003_index.sql", "CREATE INDEX orders_user ON orders (user_id);", "DROP INDEX orders_user;");

        Cli.Result ok = cli.run("verify", "--pending");
        assertThat(ok.exit()).as(ok.all()).isZero();
        assertThat(ok.out()).contains("ok                   003 003_index.sql", "verified 1 migrations")
                .doesNotContain("001_users.sql", "002_orders.sql");

        dir.dbmate("004_email.sql", "CREATE UNIQUE INDEX users_email ON users (email);", "SELECT 1;");
        Cli.Result bad = cli.run("verify", "--pending");
        assertThat(bad.exit()).as(bad.all()).isEqualTo(4);
        assertThat(bad.out()).contains("ok                   003 003_index.sql",
                        "down-leaves-changes  004 004_email.sql", "  index public.users_email: left behind by the down",
                        "1 of 2 migrations failed verification")
                .doesNotContain("001_users.sql", "002_orders.sql");
        assertThat(db.relations()).contains("users", "orders").doesNotContain("audit");
    }

    @Test
    void modeAllPassesACleanSetAndNamesADownThatForgetsATable() throws Exception {
        MigrationDir dir = new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int, user_id int REFERENCES users);",
                        "DROP TABLE orders;");
        Cli.Result ok = cli.run("verify", "--mode", "all");
        assertThat(ok.exit()).as(ok.all()).isZero();
        assertThat(ok.out()).contains("ok                   001 001_users.sql", "ok                   002 002_orders.sql",
                "verified 2 migrations");

        dir.dbmate("003_audit.sql", "CREATE TABLE audit (id int);\nCREATE TABLE audit2 (id int);", "DROP TABLE audit2;")
                .dbmate("004_log.sql", "CREATE TABLE log (id int);", "DROP TABLE log;");
        Cli.Result bad = cli.run("verify", "--mode", "all");
        assertThat(bad.exit()).as(bad.all()).isEqualTo(4);
        assertThat(bad.out()).contains("down-leaves-changes  003 003_audit.sql",
                "  table public.audit: left behind by the down", "verify --mode all stopped at 003 003_audit.sql");

        dir.dbmate("005_bad.sql", "CREATE TABLE five (id int);", "DROP TABLE nowhere;");
        Cli.Result failed = cli.run("verify", "--mode", "all");
        assertThat(failed.exit()).as(failed.all()).isEqualTo(4);
        assertThat(failed.out()).contains("down-failed          005 005_bad.sql: db/migrations/005_bad.sql:",
                "table \"nowhere\" does not exist");
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void anUnknownModeIsAUsageError() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations")).dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        Cli.Result r = cli.run("verify", "--mode", "both");
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("--mode 'both' is not a verify mode");
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void aScratchServerThatRefusesConnectionsIsExitOneAndTheTargetIsUntouched() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations")).dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        Cli.Result r = cli.run("verify", "--scratch-url", "postgres://postgres@127.0.0.1:1/postgres");
        assertThat(r.exit()).as(r.all()).isEqualTo(1);
        assertThat(r.err()).contains("127.0.0.1:1").doesNotContain("\tat ");
        assertThat(db.relations()).isEmpty();
    }

    @Test
    void aMigrationThatCannotRunOnTheScratchIsNamedAndTheTargetIsUntouched() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("002_ext.sql", "CREATE EXTENSION no_such_extension;", "DROP EXTENSION no_such_extension;");
        Cli.Result r = cli.run("verify");
        assertThat(r.exit()).as(r.all()).isEqualTo(4);
        assertThat(r.out()).contains("up-failed            002 002_ext.sql").contains("no_such_extension");
        assertThat(db.relations()).isEmpty();
    }
}
