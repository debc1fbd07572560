package dev.cairn.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** cairn:lint on a real database: an error-level finding in a pending migration fails the build, as exit 4. */
class LintMojoTest {

    @RegisterExtension
    static final TestDatabase db = new TestDatabase();

    @TempDir
    Path project;

    private final List<String> errors = new ArrayList<>();

    @BeforeEach
    void applied() throws Exception {
        db.reset();
        Path dir = Files.createDirectories(project.resolve("db/migrations"));
        Files.writeString(dir.resolve("001_accounts.sql"), "-- migrate:up\nCREATE TABLE accounts (id bigint PRIMARY KEY,"
                + " email text NOT NULL);\n\n-- migrate:down\nDROP TABLE accounts;\n");
        MigrateMojo migrate = new MigrateMojo();
        migrate.basedir = project.toFile();
        migrate.url = db.url();
        migrate.execute();
        Files.writeString(dir.resolve("002_email.sql"), "-- migrate:up\nALTER TABLE accounts DROP COLUMN email;\n\n"
                + "-- migrate:down\nALTER TABLE accounts ADD COLUMN email text;\n");
    }

    private LintMojo lint() {
        LintMojo m = new LintMojo();
        m.basedir = project.toFile();
        m.url = db.url();
        m.setLog(new SystemStreamLog() {
            @Override
            public void error(CharSequence content) {
                errors.add(content.toString());
            }
        });
        return m;
    }

    @Test
    void anErrorLevelFindingFailsTheBuildWithTheSummary() throws IOException {
        assertThatThrownBy(lint()::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("1 error, ").hasMessageContaining("in 1 file, 1 statement (observed on a scratch database)");
        assertThat(errors).singleElement().asString().startsWith("db/migrations/002_email.sql:2:1 error ban-drop-column: ")
                .contains("safer:");
    }

    @Test
    void staticOnlyLintsWithoutAScratchDatabase() throws Exception {
        LintMojo m = lint();
        m.staticOnly = true;
        assertThatThrownBy(m::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageEndingWith("(static rules only)");
        assertThat(db.column("SELECT version FROM cairn_history ORDER BY version")).containsExactly("001");
    }

    @Test
    void theLintSectionOfCairnTomlIsHonoured() throws Exception {
        Files.writeString(project.resolve("cairn.toml"), "[lint]\nignore = [\"ban-drop-column\"]\n");
        LintMojo m = lint();
        m.staticOnly = true;
        m.execute();
        assertThat(errors).isEmpty();
        Files.writeString(project.resolve("cairn.toml"), "[lint]\nignore = [\"no-such-rule\"]\n");
        assertThatThrownBy(lint()::execute).isInstanceOf(org.apache.maven.plugin.MojoExecutionException.class)
                .hasMessageContaining("no lint rule is called 'no-such-rule'");
    }
}
