package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.MigrationDir;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no database configured anywhere, the CLI uses an embedded PostgreSQL kept in .cairn/. */
class EmbeddedTest {

    @TempDir
    Path cwd;

    @Test
    void noDatabaseConfiguredUsesTheEmbeddedOneAndSaysSoOnEveryRun() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations")).dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        Cli.Result first = new Cli(cwd).run("migrate");
        assertThat(first.exit()).as(first.all()).isZero();
        assertThat(first.err()).contains("no database configured: using the embedded PostgreSQL in .cairn/"
                + " \u2014 set DATABASE_URL or --url for yours");
        assertThat(first.out()).contains("applied 001_a.sql");
        assertThat(cwd.resolve(".cairn/data/PG_VERSION")).content().startsWith("15");

        Cli.Result second = new Cli(cwd).run("status", "--json");
        assertThat(second.exit()).isZero();
        assertThat(second.err()).contains("using the embedded PostgreSQL");
        assertThat(second.out()).contains("\"applied\" : 1");

        Cli.Result ci = new Cli(cwd).env("CI", "true").run("status", "--json", "--embedded");
        assertThat(ci.exit()).as("--embedded asks for it in CI").isZero();
        assertThat(ci.err()).contains("using the embedded PostgreSQL");
        assertThat(ci.out()).contains("\"applied\" : 1");
    }

    @Test
    void inCiWithoutAUrlNothingRunsOnAThrowAwayDatabase() {
        new MigrationDir(cwd.resolve("db/migrations")).dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;");
        for (String ci : new String[] {"true", "TRUE", "1", "yes"}) {
            for (String command : new String[] {"migrate", "status", "rollback", "seed"}) {
                Cli.Result r = new Cli(cwd).env("CI", ci).run(command);
                assertThat(r.exit()).as(ci + " " + command + ": " + r.all()).isEqualTo(2);
                assertThat(r.err()).isEqualTo("error: no database configured: set DATABASE_URL (or --url); the embedded"
                        + " PostgreSQL is for local use (--embedded to use it anyway)" + System.lineSeparator());
                assertThat(r.out()).isEmpty();
            }
        }
        assertThat(Files.exists(cwd.resolve(".cairn"))).isFalse();
    }

    @Test
    void embeddedIsRefusedWhenAUrlIsConfiguredAndInAProtectedEnvironment() {
        Cli.Result url = new Cli(cwd).env("DATABASE_URL", "postgres://app@127.0.0.1:1/app").run("migrate", "--embedded");
        assertThat(url.exit()).isEqualTo(2);
        assertThat(url.err()).contains("--embedded asks for the embedded PostgreSQL, but a database URL is configured"
                + " ($DATABASE_URL)");
        Cli.Result flag = new Cli(cwd).run("migrate", "--embedded", "--url", "postgres://app@127.0.0.1:1/app");
        assertThat(flag.exit()).isEqualTo(2);
        assertThat(flag.err()).contains("(--url)");
        Cli.Result prod = new Cli(cwd).env("NODE_ENV", "production").env("CI", "true").run("migrate", "--embedded");
        assertThat(prod.exit()).isEqualTo(2);
        assertThat(prod.err()).contains("no database configured for the protected environment 'production'");
        assertThat(Files.exists(cwd.resolve(".cairn"))).isFalse();
    }

    @Test
    void protectedEnvironmentNeverFallsBackToTheEmbeddedDatabase() {
        Cli.Result r = new Cli(cwd).env("NODE_ENV", "production").run("migrate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no database configured for the protected environment 'production'");
        assertThat(Files.exists(cwd.resolve(".cairn"))).isFalse();
    }
}
