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
    }

    @Test
    void protectedEnvironmentNeverFallsBackToTheEmbeddedDatabase() {
        Cli.Result r = new Cli(cwd).env("NODE_ENV", "production").run("migrate");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no database configured for the protected environment 'production'");
        assertThat(Files.exists(cwd.resolve(".cairn"))).isFalse();
    }
}
