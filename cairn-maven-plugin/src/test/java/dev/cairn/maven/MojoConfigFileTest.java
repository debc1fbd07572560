package dev.cairn.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.config.Configuration;
import dev.cairn.config.LockMode;
import dev.cairn.error.CairnException;
import dev.cairn.toml.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cairn.toml in the project's base directory, under the goal's parameters: what a user of the plugin sees. */
class MojoConfigFileTest {

    private static final String FILE = """
            url = "postgres://top@localhost:5432/top"
            dir = "top"
            table = "top_history"
            lock_timeout = "5s"
            lock_mode = "table"
            out_of_order = true
            lock_retries = 3

            [env.staging]
            computed_downs = false
            url = "postgres://staging@localhost:5432/staging"
            dir = ["staging", "shared"]
            table = "staging_history"

            [env.production]
            protected = false
            """;

    @TempDir
    Path project;

    private StatusMojo mojo(String toml) throws IOException {
        if (toml != null) {
            Files.writeString(project.resolve(ConfigFile.NAME), toml);
        }
        StatusMojo m = new StatusMojo();
        m.basedir = project.toFile();
        return m;
    }

    @Test
    void theFileFillsWhatTheParametersLeaveUnset() throws IOException {
        StatusMojo m = mojo(FILE);
        Configuration c = m.cairn().configuration();
        assertThat(m.url).isEqualTo("postgres://top@localhost:5432/top");
        assertThat(c.locations()).containsExactly(project.resolve("top"));
        assertThat(c.table().toString()).isEqualTo("top_history");
        assertThat(c.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.lockMode()).isEqualTo(LockMode.TABLE);
        assertThat(c.outOfOrder()).isTrue();
        assertThat(c.lockRetries()).isEqualTo(3);
        assertThat(c.computedDowns()).isTrue();
    }

    @Test
    void theEnvironmentsSectionComesBeforeTheTopLevel() throws IOException {
        StatusMojo m = mojo(FILE);
        m.env = "staging";
        Configuration c = m.cairn().configuration();
        assertThat(m.url).isEqualTo("postgres://staging@localhost:5432/staging");
        assertThat(c.locations()).containsExactly(project.resolve("staging"), project.resolve("shared"));
        assertThat(c.table().toString()).isEqualTo("staging_history");
        assertThat(c.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.computedDowns()).isFalse();
    }

    @Test
    void parametersComeBeforeTheFile() throws IOException {
        StatusMojo m = mojo(FILE);
        m.env = "staging";
        m.url = "postgres://param@localhost:5432/param";
        m.dirs = List.of("param");
        m.table = "param_history";
        m.lockTimeout = "1m";
        m.lockMode = "advisory";
        m.outOfOrder = false;
        Configuration c = m.cairn().configuration();
        assertThat(m.url).isEqualTo("postgres://param@localhost:5432/param");
        assertThat(c.locations()).containsExactly(project.resolve("param"));
        assertThat(c.table().toString()).isEqualTo("param_history");
        assertThat(c.lockTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.lockMode()).isEqualTo(LockMode.ADVISORY);
        assertThat(c.outOfOrder()).isFalse();
    }

    @Test
    void theEnvironmentsSectionSaysWhetherItIsProtected() throws IOException {
        StatusMojo m = mojo(FILE);
        m.env = "production";
        assertThat(m.protectedEnvironment()).isFalse();
        StatusMojo prod = mojo(null);
        prod.env = "prod";
        assertThat(prod.protectedEnvironment()).isTrue();
    }

    @Test
    void anUnknownKeyFailsTheGoalWithTheClisMessage() throws IOException {
        StatusMojo m = mojo("url = \"postgres://localhost/app\"\ndirs = \"db\"\n");
        String cli = catchMessage(() -> ConfigFile.read(project.resolve(ConfigFile.NAME)));
        assertThat(cli).contains("unknown key 'dirs'");
        assertThatThrownBy(m::execute).isInstanceOf(MojoExecutionException.class).hasMessage(cli);
    }

    @Test
    void aBadValueFailsTheGoalWithTheClisMessage() throws IOException {
        StatusMojo m = mojo("url = \"postgres://localhost/app\"\nlock_timeout = 30\n");
        String cli = catchMessage(() -> ConfigFile.read(project.resolve(ConfigFile.NAME)));
        assertThat(cli).contains("'lock_timeout' must be a duration in quotes");
        assertThatThrownBy(m::execute).isInstanceOf(MojoExecutionException.class).hasMessage(cli);
    }

    @Test
    void aMisspelledEnvironmentSectionIsRefused() throws IOException {
        StatusMojo m = mojo(FILE.replace("[env.staging]", "[env.stagign]"));
        m.env = "staging";
        assertThatThrownBy(m::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("environment 'staging' (from <env>) has no [env.staging] section");
    }

    @Test
    void noUrlAnywhereNamesEveryPlaceToSetOne() throws IOException {
        StatusMojo m = mojo("table = \"h\"\n");
        assertThatThrownBy(m::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("<url>").hasMessageContaining("-Dcairn.url")
                .hasMessageContaining("'url' in cairn.toml");
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (CairnException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }
}
