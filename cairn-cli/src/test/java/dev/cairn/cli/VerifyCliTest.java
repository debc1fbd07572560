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
}
