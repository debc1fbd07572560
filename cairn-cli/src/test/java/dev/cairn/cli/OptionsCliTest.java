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

/** Options given in a shape the user did not mean: messages that say what is wrong. */
class OptionsCliTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path cwd;

    MigrationDir dir;

    @BeforeEach
    void setUp() throws Exception {
        db.reset();
        dir = new MigrationDir(cwd.resolve("m"))
                .dbmate("001_users.sql", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
    }

    Cli cli() {
        return new Cli(cwd).env("DATABASE_URL", db.url());
    }

    @Test
    void theSameDirectoryTwiceIsOneDirectory() throws Exception {
        for (String[] args : new String[][] {{"-d", "m", "-d", "m"}, {"-d", "m", "-d", "./m"}, {"-d", "m", "-d", "m/"},
                {"-d", "m", "--dir", cwd.resolve("m").toString()}}) {
            Cli.Result status = cli().run(concat(new String[] {"validate"}, args));
            assertThat(status.exit()).as(String.join(" ", args) + ": " + status.all()).isZero();
            assertThat(status.all()).doesNotContain("more than one file");
        }
        Cli.Result r = cli().run("migrate", "-d", "m", "-d", "./m");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).contains("applied 1 migration in");
    }

    @Test
    void configThatIsADirectorySaysSo() throws Exception {
        Files.createDirectories(cwd.resolve("conf"));
        Cli.Result r = cli().run("status", "--config", "conf");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: --config conf is a directory; give the configuration file itself, such as"
                + " cairn.toml" + System.lineSeparator());
        Files.writeString(cwd.resolve("conf/cairn.toml"), "table = \"t\"\n");
        assertThat(cli().run("status", "--config", "conf").err()).contains("is a directory; give the configuration"
                + " file itself (conf/cairn.toml)");
        assertThat(cli().run("status", "--config", "nope.toml").err()).contains("configuration file nope.toml does not exist");
    }

    @Test
    void dirThatIsAFileSaysSo() {
        Cli.Result r = cli().run("migrate", "--dir", "m/001_users.sql");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("migrations directory m/001_users.sql is a file, not a directory; point --dir")
                .contains("such as m").doesNotContain("does not exist");
    }

    @Test
    void mutuallyExclusiveOptionsSayErrorOnce() {
        Cli.Result r = cli().run("rollback", "--steps", "1", "--to", "001", "-d", "m");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --steps=N, --to=MIGRATION are mutually exclusive").doesNotContain("Error:");
    }

    @Test
    void aBomInCairnTomlIsAcceptedAndInvalidUtf8SaysSo() throws Exception {
        Files.writeString(cwd.resolve("cairn.toml"), "\uFEFFdir = \"m\"\n");
        Cli.Result bom = cli().run("migrate");
        assertThat(bom.exit()).as(bom.all()).isZero();
        assertThat(db.relations()).contains("users");

        Files.write(cwd.resolve("cairn.toml"), new byte[] {'d', 'i', 'r', '=', '"', (byte) 0xC3, '"', '\n'});
        Cli.Result bad = cli().run("status");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("cairn.toml:1: is not UTF-8 text").doesNotContain("Input length");
    }

    @Test
    void configTypeErrorsExitTwoThroughTheCommandLine() throws Exception {
        for (String toml : new String[] {"lock_timeout = 3", "seeds = 5", "dir = [\"m\", 1]", "[env]\nurl = \"x\"",
                "url = {a=1}"}) {
            Files.writeString(cwd.resolve("cairn.toml"), toml + "\n");
            Cli.Result r = cli().run("status");
            assertThat(r.exit()).as(toml + ": " + r.all()).isEqualTo(2);
            assertThat(r.err()).as(toml).containsPattern("must be|is not a section");
        }
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
