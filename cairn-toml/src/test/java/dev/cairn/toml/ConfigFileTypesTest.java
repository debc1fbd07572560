package dev.cairn.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.error.CairnException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A value of the wrong type is an error naming the key and the type it must have, never taken loosely. */
class ConfigFileTypesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // case                     | file (\n = new line)                     | message fragment
            "integer lock_timeout        | lock_timeout = 3                         | 'lock_timeout' must be a duration in quotes with its unit, not a number (3)",
            "integer lease_ttl           | [env.ci]\\nlease_ttl = 30               | [env.ci]: 'lease_ttl' must be a duration in quotes with its unit, not a number (30)",
            "boolean statement_timeout   | statement_timeout = true                 | 'statement_timeout' must be a duration in quotes with its unit, not a boolean (true)",
            "array lock_timeout_sql      | lock_timeout_sql = ['5s']                | 'lock_timeout_sql' must be a duration in quotes with its unit, not an array",
            "integer seeds               | seeds = 5                                | 'seeds' must be a string in quotes, not a number (5) (such as seeds = \"db/seeds\")",
            "number in dir               | dir = ['m', 1]                           | 'dir' must be a string or an array of strings; element 2 is a number (1)",
            "table for dir               | dir = {a = 1}                            | 'dir' must be a string or an array of strings, not a table",
            "boolean in schemas          | schemas = ['app', false]                 | 'schemas' must be a string or an array of strings; element 2 is a boolean (false)",
            "number for ignore           | ignore = 7                               | 'ignore' must be a string or an array of strings, not a number (7)",
            "table for url               | url = {a=1}                              | 'url' must be a string in quotes, not a table (such as url = \"postgres://app@localhost:5432/app\")",
            "number for table            | table = 1                                | 'table' must be a string in quotes, not a number (1)",
            "boolean for lock_mode       | lock_mode = true                         | 'lock_mode' must be a string in quotes, not a boolean (true)",
            "bare [env]                  | [env]\\nurl = 'postgres://h/db'          | 'env.url' is not a section; [env] needs an environment name, such as [env.production]",
            "env name that is a path     | [env.\"../prod\"]\\nurl = 'postgres://h/db' | [env.\"../prod\"] is not a plain environment name",
    })
    void aValueOfTheWrongTypeIsAUsageErrorNamingKeyAndType(String what, String toml, String fragment) throws IOException {
        Path file = Files.writeString(dir.resolve(ConfigFile.NAME), toml.replace("\\n", "\n"));

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).startsWith(file.toString()).contains(fragment);
                });
    }

    @Test
    void anEmptyEnvTableIsNothing() throws IOException {
        Path file = Files.writeString(dir.resolve(ConfigFile.NAME), "[env]\n");
        assertThat(ConfigFile.read(file).environments()).isEmpty();
    }

    @Test
    void aByteOrderMarkIsAcceptedAsInMigrationFiles() throws IOException {
        Path file = Files.writeString(dir.resolve(ConfigFile.NAME), "\uFEFFlock_timeout = \"5s\"\r\ntable = \"t\"\r\n");
        ConfigFile config = ConfigFile.read(file);
        assertThat(config.top().lockTimeout()).contains(Duration.ofSeconds(5));
        assertThat(config.top().table()).contains("t");
    }

    @Test
    void bytesThatAreNotUtf8AreReportedWithTheirLine() throws IOException {
        byte[] latin1 = "table = \"t\"\n# caf\u00e9\nurl = \"x\"\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve(ConfigFile.NAME), latin1);

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).isEqualTo(file + ":2: is not UTF-8 text (byte 0xE9 at offset 17);"
                            + " save the file as UTF-8").doesNotContain("Input length");
                });
    }

    @Test
    void anEnvironmentSectionIsFoundWhateverTheCaseOfTheName() throws IOException {
        Path file = Files.writeString(dir.resolve(ConfigFile.NAME), "[env.Staging]\nprotected = true\n");
        ConfigFile config = ConfigFile.read(file);
        assertThat(config.environment("staging").protectedEnv()).contains(true);
        assertThat(config.environment("STAGING").protectedEnv()).contains(true);
        assertThat(config.environment("stage").protectedEnv()).isEmpty();
    }

    @ParameterizedTest(name = "--env {0} with [env.{1}]")
    @CsvSource({"production, prodution, true", "production, Prodution, true", "production, producton, true",
            "production, prduction, true", "staging, stagng, true", "production, prod, false",
            "staging, stage, false", "qa, qb, false", "production, production, false", "Production, production, false"})
    void aSimilarSectionWithoutOneOfItsOwnIsTakenForATypo(String env, String section, boolean typo) throws IOException {
        Path file = Files.writeString(dir.resolve(ConfigFile.NAME), "[env." + section + "]\ntable = \"t\"\n");
        ConfigFile config = ConfigFile.read(file);
        if (typo) {
            assertThatThrownBy(() -> config.checkSelected(env, "--env"))
                    .isInstanceOfSatisfying(CairnException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(2);
                        assertThat(e.getMessage()).contains("[env." + section + "] looks like a misspelling");
                    });
        } else {
            config.checkSelected(env, "--env");
        }
    }
}
