package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.MigrationDir;
import dev.cairn.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pending version below the newest applied one: validate and migrate agree on whether it may run,
 * whether that is allowed by {@code out_of_order} in cairn.toml (top level or [env.NAME]) or by --out-of-order.
 */
class OutOfOrderCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir dir;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        dir = new MigrationDir(cwd.resolve("db/migrations"))
                .dbmate("001_a.sql", "CREATE TABLE a (id int);", "DROP TABLE a;")
                .dbmate("003_c.sql", "CREATE TABLE c (id int);", "DROP TABLE c;");
        assertThat(cli().run("migrate").exit()).isZero();
        dir.dbmate("002_b.sql", "CREATE TABLE b (id int);", "DROP TABLE b;");
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    @Test
    void withoutOutOfOrderValidateAndMigrateBothRefuse() throws Exception {
        Cli.Result validate = cli().run("validate");
        assertThat(validate.exit()).as(validate.err()).isEqualTo(4);
        Cli.Result migrate = cli().run("migrate");
        assertThat(migrate.exit()).as(migrate.err()).isEqualTo(4);
        assertThat(migrate.err()).contains("pending migration 002 (002_b.sql) is below the newest applied version 003");
        assertThat(db.relations()).doesNotContain("b");
    }

    @Test
    void outOfOrderInCairnTomlLetsValidatePassAndMigrateApplyIt() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "out_of_order = true\n");
        Cli.Result validate = cli().run("validate");
        assertThat(validate.exit()).as(validate.err()).isZero();
        Cli.Result migrate = cli().run("migrate");
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("002");
        assertThat(db.relations()).contains("b");
    }

    @Test
    void outOfOrderInAnEnvironmentSectionReachesMigrateOnlyInThatEnvironment() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "[env.staging]\nout_of_order = true\n");
        assertThat(cli().run("validate").exit()).isEqualTo(4);
        assertThat(cli().run("migrate").exit()).isEqualTo(4);
        assertThat(db.relations()).doesNotContain("b");

        assertThat(cli().run("validate", "--env", "staging").exit()).isZero();
        Cli.Result migrate = cli().run("migrate", "--env", "staging");
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(db.relations()).contains("b");
    }

    @Test
    void theOutOfOrderFlagStillAppliesIt() throws Exception {
        Cli.Result migrate = cli().run("migrate", "--out-of-order");
        assertThat(migrate.exit()).as(migrate.err()).isZero();
        assertThat(db.relations()).contains("b");
        assertThat(cli().run("validate").exit()).isZero();
    }
}
