package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.Snapshot;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An environment is a plain name: a spelling such as ./production neither dodges protection nor
 * reaches a folder outside the seeds folder, whichever variable or flag it comes from.
 */
class EnvironmentCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    String before;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (email text PRIMARY KEY);", "DROP TABLE users;");
        MigrationDir seeds = new MigrationDir(cwd.resolve("db/seeds"))
                .write("001_shared.sql", "INSERT INTO users VALUES ('test-user@example.com');\n")
                .write("production/001_ops.sql", "INSERT INTO users VALUES ('ops@example.com');\n");
        new MigrationDir(cwd.resolve("db/outside")).write("evil.sql", "INSERT INTO users VALUES ('outside@example.com');\n");
        new MigrationDir(cwd.resolve("abs/evilseeds")).write("evil.sql", "INSERT INTO users VALUES ('abs@example.com');\n");
        assertThat(seeds.path()).isDirectory();
        assertThat(cli().run("migrate").exit()).isZero();
        before = Snapshot.full(db);
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    /** Every spelling the adversarial pass used, and a few more. */
    List<String> spellings() {
        return List.of("./production", "production/", "../outside", cwd.resolve("abs/evilseeds").toString(),
                "production/..", ".production", "production.", "prod uction", "production;", "..");
    }

    void assertUsageErrorAndNothingTouched(Cli.Result r, String env) throws Exception {
        assertThat(r.exit()).as(env + ": " + r.all()).isEqualTo(2);
        assertThat(r.err()).as(env).contains("environment name '").contains("is not a plain name")
                .contains("Nothing was touched");
        assertThat(r.out()).as(env).isEmpty();
        assertThat(Snapshot.full(db)).as(env).isEqualTo(before);
        assertThat(db.relations()).as(env).doesNotContain("cairn_seed_history");
    }

    @Test
    void seedResetAndRollbackRefuseEverySpellingThatIsNotAPlainNameFromTheFlag() throws Exception {
        for (String env : spellings()) {
            assertUsageErrorAndNothingTouched(cli().run("seed", "--env", env, "--yes"), env);
            assertUsageErrorAndNothingTouched(cli().run("reset", "--env", env, "--yes"), env);
            assertUsageErrorAndNothingTouched(cli().run("rollback", "--env", env, "--yes"), env);
            assertUsageErrorAndNothingTouched(cli().run("migrate", "--env", env), env);
        }
    }

    @ParameterizedTest(name = "${0}")
    @ValueSource(strings = {"CAIRN_ENV", "NODE_ENV", "APP_ENV"})
    void everyEnvironmentVariableIsCheckedTheSameWay(String variable) throws Exception {
        for (String env : spellings()) {
            Cli.Result seed = cli().env(variable, env).run("seed", "--yes");
            assertUsageErrorAndNothingTouched(seed, env);
            assertThat(seed.err()).contains("(from $" + variable + ")");
            assertUsageErrorAndNothingTouched(cli().env(variable, env).run("reset", "--yes"), env);
            assertUsageErrorAndNothingTouched(cli().env(variable, env).run("rollback", "--yes"), env);
        }
    }

    @Test
    void theMessageNamesTheNameItsSourceAndWhatAPlainNameIs() {
        Cli.Result r = cli().run("seed", "--env", "../outside");
        assertThat(r.err()).isEqualTo("error: environment name '../outside' (from --env) is not a plain name: use"
                + " letters, digits, '-', '_' and '.' (not first or last), such as production or staging-eu; an"
                + " environment is a name, not a path. Nothing was touched" + System.lineSeparator());
    }

    @Test
    void theFlagIsCheckedEvenWhenAVariableHoldsAPlainName() throws Exception {
        assertUsageErrorAndNothingTouched(cli().env("NODE_ENV", "development").run("seed", "--env", "./production"),
                "./production");
    }

    @Test
    void protectionIgnoresCase() throws Exception {
        for (String env : List.of("production", "Production", "PROD", "prod", "PRODUCTION")) {
            Cli.Result r = cli().run("rollback", "--env", env, "--yes");
            assertThat(r.exit()).as(env + ": " + r.all()).isEqualTo(6);
            assertThat(r.err()).contains("needs --yes --confirm " + db.name());
            Cli.Result reset = cli().run("reset", "--env", env, "--yes");
            assertThat(reset.exit()).as(env + ": " + reset.all()).isEqualTo(6);
            assertThat(Snapshot.full(db)).isEqualTo(before);
        }
    }

    @Test
    void aConfiguredProtectedEnvironmentIsFoundWhateverTheCaseOfTheName() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "[env.Staging]\nprotected = true\n");
        Cli.Result r = cli().run("rollback", "--env", "staging", "--yes");
        assertThat(r.exit()).as(r.all()).isEqualTo(6);
        assertThat(r.err()).contains("protected environment 'staging'");
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }

    @Test
    void aPlainEnvironmentRunsTheSharedSeedsAndItsOwnFolderOnly() throws Exception {
        Cli.Result r = cli().run("seed", "--env", "staging");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(db.column("SELECT email FROM users")).containsExactly("test-user@example.com");
    }

    @Test
    void aMisspelledSectionForTheSelectedEnvironmentIsAUsageError() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "[env.prodution]\nurl = \"postgres://deploy@db.internal/app\"\n");
        List<Cli.Result> runs = new ArrayList<>();
        runs.add(cli().run("migrate", "--env", "production"));
        runs.add(cli().env("NODE_ENV", "production").run("status"));
        for (Cli.Result r : runs) {
            assertThat(r.exit()).as(r.all()).isEqualTo(2);
            assertThat(r.err()).contains("environment 'production'").contains("has no [env.production] section")
                    .contains("[env.prodution] looks like a misspelling");
        }
        Files.writeString(cwd.resolve("cairn.toml"), "[env.prodution]\nlock_timeout = \"5s\"\n[env.production]\n");
        assertThat(cli().run("status", "--env", "production").exit()).as("an empty section of its own is enough").isZero();
        Files.writeString(cwd.resolve("cairn.toml"), "[env.staging]\nlock_timeout = \"5s\"\n");
        assertThat(cli().run("status", "--env", "production").exit()).as("nothing similar: top level").isZero();
    }

    @Test
    void aSectionWhoseNameIsNotPlainIsAUsageError() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "[env.\"../production\"]\nprotected = false\n");
        Cli.Result r = cli().run("status");
        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("[env.\"../production\"] is not a plain environment name");
    }
}
