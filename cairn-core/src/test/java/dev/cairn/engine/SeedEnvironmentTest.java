package dev.cairn.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.config.EnvironmentName;
import dev.cairn.error.CairnException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An environment names a folder inside the seeds folder, never a path out of it. */
class SeedEnvironmentTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"production", "prod", "Production", "staging-eu", "qa_2", "v1.2", "x", "2024"})
    void aPlainNameIsAFolderDirectlyInsideTheSeedsFolder(String env) {
        assertThat(EnvironmentName.isPlain(env)).isTrue();
        assertThat(Seed.environmentFolder(dir.resolve("seeds"), env)).isEqualTo(dir.resolve("seeds").resolve(env));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"./production", "production/", "../outside", "/abs/dir", ".", "..", ".hidden",
            "production.", "a/b", "a\\b", "prod uction", "production\n", "", "caf\u00e9", "x;y", "~", "$HOME"})
    void anythingElseIsAUsageErrorAndNoFolder(String env) throws Exception {
        Files.createDirectories(dir.resolve("outside"));
        assertThat(EnvironmentName.isPlain(env)).isFalse();
        assertThatThrownBy(() -> Seed.environmentFolder(dir.resolve("seeds"), env))
                .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.exitCode()).isEqualTo(2));
        if (!env.isEmpty()) {
            assertThatThrownBy(() -> new Seed.Options(dir.resolve("seeds"), env, false))
                    .isInstanceOfSatisfying(CairnException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(2);
                        assertThat(e.getMessage()).contains("is not a plain name");
                    });
        }
    }
}
