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

/** Every refusal of a destructive command: exit 6, the message names what is missing, nothing changes. */
class SafetyCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir seeds;
    String before;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (email text PRIMARY KEY);", "DROP TABLE users;")
                .dbmate("002_orders.sql", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
        seeds = new MigrationDir(cwd.resolve("db/seeds"))
                .write("001_admin.sql", "INSERT INTO users VALUES ('admin@example.com');\n");
        assertThat(cli().run("migrate").exit()).isZero();
        db.execute("INSERT INTO orders VALUES (1), (2)");
        before = Snapshot.full(db);
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    Cli production() {
        return cli().env("NODE_ENV", "production");
    }

    void assertRefused(Cli.Result r, String... fragments) throws Exception {
        assertThat(r.exit()).as(r.all()).isEqualTo(6);
        assertThat(r.err()).contains(fragments).contains("Nothing was changed");
        assertThat(Snapshot.full(db)).isEqualTo(before);
    }

    @Test
    void resetNeedsYesWithoutATerminal() throws Exception {
        assertRefused(cli().run("reset"), "needs confirmation", "--yes");
    }

    @Test
    void resetInAProtectedEnvironmentNeedsTheForceFlagAndTheDatabaseName() throws Exception {
        assertRefused(production().run("reset", "--yes"), "refused in the protected environment 'production'",
                "--force-production-reset");
        assertRefused(production().run("reset", "--yes", "--force-production-reset"),
                "needs --yes --confirm " + db.name());
        assertRefused(production().run("reset", "--yes", "--force-production-reset", "--confirm", "other_db"),
                "--confirm 'other_db' does not match the database name '" + db.name() + "'");

        Cli.Result done = production().run("reset", "--yes", "--force-production-reset", "--confirm", db.name());
        assertThat(done.exit()).as(done.all()).isZero();
        assertThat(db.scalar("SELECT count(*) FROM orders")).isEqualTo("0");
    }

    @Test
    void resetOnATerminalAsksTwice() throws Exception {
        Cli.Result once = cli().terminal("y\nn\n").run("reset");
        assertRefused(once, "not confirmed");
        Cli.Result twice = cli().terminal("y\ny\n").run("reset", "--seed");
        assertThat(twice.exit()).as(twice.all()).isZero();
        assertThat(twice.out()).contains("applied 2 migration(s)").contains("seeded 1 file(s)");
        assertThat(db.column("SELECT email FROM users")).containsExactly("admin@example.com");
    }

    @Test
    void protectedEnvironmentTypedNameMustMatch() throws Exception {
        assertRefused(production().terminal("wrong\n").run("rollback"), "the typed name 'wrong' is not '" + db.name() + "'");
        Cli.Result ok = production().terminal(db.name() + "\n").run("rollback", "--steps", "1");
        assertThat(ok.exit()).as(ok.all()).isZero();
        assertThat(db.relations()).doesNotContain("orders");
    }

    @Test
    void rollbackInAProtectedEnvironmentNeedsConfirmToo() throws Exception {
        assertRefused(production().run("rollback", "--yes"), "needs --yes --confirm " + db.name());
    }

    @Test
    void repairNeedsConfirmation() throws Exception {
        new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_users.sql", "CREATE TABLE users (email text PRIMARY KEY); -- edited", "DROP TABLE users;");
        assertRefused(cli().run("repair"), "repair 1 history row needs confirmation");
        Cli.Result r = cli().run("repair", "--yes");
        assertThat(r.exit()).isZero();
        assertThat(cli().run("validate").exit()).isZero();
    }

    @Test
    void seedsAreIdempotentAndAProtectedEnvironmentRunsOnlyItsOwnFolder() throws Exception {
        assertThat(cli().run("seed").out()).contains("seeded 1 file(s)");
        assertThat(cli().run("seed").out()).contains("seeded 0 file(s), 1 unchanged");
        assertThat(db.scalar("SELECT count(*) FROM users")).isEqualTo("1");
        before = Snapshot.full(db);

        assertRefused(production().run("seed", "--yes", "--confirm", db.name()), "has no seeds folder");
        seeds.write("production/001_ops.sql", "INSERT INTO users VALUES ('ops@example.com');\n");
        before = Snapshot.full(db);
        assertRefused(production().run("seed", "--yes"), "needs --yes --confirm " + db.name());
        Cli.Result ok = production().run("seed", "--yes", "--confirm", db.name());
        assertThat(ok.exit()).as(ok.all()).isZero();
        assertThat(db.column("SELECT email FROM users ORDER BY 1")).containsExactly("admin@example.com", "ops@example.com");
    }

    @Test
    void baselineAndStatusThroughTheCommandLine() throws Exception {
        Cli.Result refused = cli().run("baseline", "--version", "002");
        assertThat(refused.exit()).isEqualTo(4);
        Cli.Result status = cli().run("status");
        assertThat(status.out()).contains("database size").contains("public.users");
    }
}
