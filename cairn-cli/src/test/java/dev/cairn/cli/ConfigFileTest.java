package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.config.MigrationSettings;
import dev.cairn.error.CairnException;
import dev.cairn.toml.ConfigFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigFileTest {

    @TempDir
    Path dir;

    // ---- what a valid file sets ----------------------------------------------------------------

    @Test
    void readsEveryTopLevelKey() throws IOException {
        ConfigFile config = read("""
                url = "postgres://app@localhost:5432/app"
                dir = "db/migrations"
                table = "ops.cairn_history"
                lock_timeout = "30s"
                lock_timeout_sql = "5s"
                statement_timeout = "10m"
                ignore = ["*.bak.sql", "scratch_*"]
                out_of_order = true
                protected = true
                """);

        ConfigFile.Section top = config.top();
        assertThat(top.url()).contains("postgres://app@localhost:5432/app");
        assertThat(top.dirs()).containsExactly("db/migrations");
        assertThat(top.table()).contains("ops.cairn_history");
        assertThat(top.lockTimeout()).contains(Duration.ofSeconds(30));
        assertThat(top.lockTimeoutSql()).contains(Duration.ofSeconds(5));
        assertThat(top.statementTimeout()).contains(Duration.ofMinutes(10));
        assertThat(top.ignore()).contains(List.of("*.bak.sql", "scratch_*"));
        assertThat(top.outOfOrder()).contains(true);
        assertThat(top.protectedEnv()).contains(true);
        assertThat(config.environments()).isEmpty();
        assertThat(config.migrations()).isEmpty();
        assertThat(config.path()).isEqualTo(dir.resolve(ConfigFile.NAME));
    }

    @Test
    void dirMayBeAnArray() throws IOException {
        ConfigFile config = read("""
                dir = ["db/migrations", "db/tenant"]
                """);

        assertThat(config.top().dirs()).containsExactly("db/migrations", "db/tenant");
    }

    @Test
    void missingKeysAreEmpty() throws IOException {
        ConfigFile.Section top = read("url = \"postgres://localhost/app\"\n").top();

        assertThat(top.dirs()).isEmpty();
        assertThat(top.table()).isEmpty();
        assertThat(top.lockTimeout()).isEmpty();
        assertThat(top.lockTimeoutSql()).isEmpty();
        assertThat(top.statementTimeout()).isEmpty();
        assertThat(top.ignore()).as("unset ignore keeps the defaults; an empty list would clear them").isEmpty();
        assertThat(top.outOfOrder()).isEmpty();
        assertThat(top.protectedEnv()).isEmpty();
    }

    @Test
    void anEmptyIgnoreListIsSetAndEmpty() throws IOException {
        assertThat(read("ignore = []\n").top().ignore()).contains(List.of());
    }

    @Test
    void readsEnvironmentSections() throws IOException {
        ConfigFile config = read("""
                url = "postgres://localhost/app_dev"

                [env.production]
                url = "postgres://deploy@db.internal/app"
                protected = false
                lock_timeout = "2m"

                [env.staging]
                dir = ["db/migrations", "db/staging"]
                """);

        ConfigFile.Section production = config.environment("production");
        assertThat(production.url()).contains("postgres://deploy@db.internal/app");
        assertThat(production.protectedEnv()).contains(false);
        assertThat(production.lockTimeout()).contains(Duration.ofMinutes(2));
        assertThat(config.environment("staging").dirs()).containsExactly("db/migrations", "db/staging");
        assertThat(config.environment("staging").url()).as("environments override, they do not inherit here").isEmpty();
        assertThat(config.environment("qa").url()).isEmpty();
        assertThat(config.top().url()).contains("postgres://localhost/app_dev");
        assertThat(config.environments()).containsOnlyKeys("production", "staging");
    }

    @Test
    void readsPerMigrationSettings() throws IOException {
        ConfigFile config = read("""
                [migrations."40"]
                transaction = false

                [migrations."2024-01-15_1430"]
                transaction = true

                [migrations."41"]
                """);

        assertThat(config.migrations()).containsOnlyKeys("40", "2024-01-15_1430", "41");
        assertThat(config.migrations().get("40")).isEqualTo(new MigrationSettings(Optional.of(false)));
        assertThat(config.migrations().get("2024-01-15_1430")).isEqualTo(new MigrationSettings(Optional.of(true)));
        assertThat(config.migrations().get("41")).isEqualTo(MigrationSettings.none());
    }

    @Test
    void noneHasNothingSet() {
        ConfigFile none = ConfigFile.none();

        assertThat(none.top().url()).isEmpty();
        assertThat(none.environments()).isEmpty();
        assertThat(none.migrations()).isEmpty();
        assertThat(none.environment("production").protectedEnv()).isEmpty();
    }

    // ---- what a wrong file says ----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // case                        | file (\n = new line)                                       | code        | message fragment
            "typo at the top               | urll = 'postgres://h/db'                                     | config.key      | unknown key 'urll'",
            "typo in an environment        | [env.production]\\nulr = 'postgres://h/db'                  | config.key      | unknown key 'env.production.ulr'",
            "migrations inside environment | [env.production.migrations.\"40\"]\\ntransaction = false     | config.key      | unknown key 'env.production.migrations'",
            "typo in a migration           | [migrations.\"40\"]\\ntransactions = false                   | config.key      | unknown key 'transactions' in [migrations.\"40\"]",
            "string for protected          | [env.production]\\nprotected = 'yes'                        | config.type     | [env.production]: 'protected' must be true or false",
            "string for out_of_order       | out_of_order = 'true'                                        | config.type     | 'out_of_order' must be true or false",
            "number for transaction        | [migrations.\"40\"]\\ntransaction = 0                        | config.type     | [migrations.\"40\"]: 'transaction' must be true or false",
            "words for lock_timeout        | lock_timeout = 'soon'                                        | config.duration | lock_timeout 'soon' is not a duration",
            "words for statement_timeout   | [env.ci]\\nstatement_timeout = '5 minutes'                  | config.duration | [env.ci] statement_timeout '5 minutes' is not a duration",
            "unterminated string           | url = 'postgres://h/db                                       | config.file     | cannot be read as TOML",
            "not TOML at all               | this is not toml                                             | config.file     | cannot be read as TOML",
            "same key twice                | url = 'a'\\nurl = 'b'                                        | config.file     | cannot be read as TOML",
    })
    void aWrongFileIsAUsageErrorNamingTheProblem(String what, String toml, String code, String fragment)
            throws IOException {
        Path file = write(toml.replace("\\n", "\n"));

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CairnException.Kind.USAGE);
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(fragment).contains(file.toString());
                });
    }

    @Test
    void unknownKeyMessageListsTheKnownKeys() throws IOException {
        Path file = write("urll = \"postgres://h/db\"\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .hasMessage(file + ": unknown key 'urll'; known keys: backup, backup_keep_days, computed_downs, dir, ignore, lease_ttl, lint, lock_mode, lock_retries,"
                        + " lock_timeout, lock_timeout_sql, notify, out_of_order, protected, rerun_modified, schemas, seeds,"
                        + " snapshot_after_migrate, statement_timeout,"
                        + " table, targets, targets_file, url");
    }

    @Test
    void fanOutTargetsAreOneOfTwoKeys() throws IOException {
        Path both = write("[env.prod]\ntargets = [\"postgres://h/a\"]\ntargets_file = \"t.txt\"\n");
        assertThatThrownBy(() -> ConfigFile.read(both)).hasMessage(both + " [env.prod]: 'targets' and"
                + " 'targets_file' both list fan-out targets; keep one");
        Path empty = write("targets = []\n");
        assertThatThrownBy(() -> ConfigFile.read(empty)).hasMessage(empty + ": 'targets' is empty; list database"
                + " URLs, or remove it");
        Path ok = write("[env.stage]\ntargets = [\"postgres://h/a\", \"postgres://h/b\"]\n");
        ConfigFile.Targets t = ConfigFile.read(ok).environment("stage").targets();
        assertThat(t.urls()).containsExactly("postgres://h/a", "postgres://h/b");
        assertThat(t.file()).isEmpty();
    }

    @Test
    void missingFileIsAUsageError() {
        Path missing = dir.resolve("nope.toml");

        assertThatThrownBy(() -> ConfigFile.read(missing))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CairnException.Kind.USAGE);
                    assertThat(e.getMessage()).contains(missing.toString());
                });
    }

    @Test
    void envThatIsNotATableIsAUsageError() throws IOException {
        Path file = write("env = \"production\"\n");

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.kind()).isEqualTo(CairnException.Kind.USAGE));
    }

    // ---- durations -------------------------------------------------------------------------------

    @ParameterizedTest(name = "''{0}'' = {1}")
    @CsvSource({
            "500ms, PT0.5S",
            "60s,   PT1M",
            "5m,    PT5M",
            "1h,    PT1H",
            "60,    PT1M",
            "0,     PT0S",
            "' 30s ', PT30S",
            "5 m,   PT5M",
    })
    void parsesDurationsAsPeopleWriteThem(String text, Duration expected) {
        assertThat(Durations.parse(text, "lock_timeout")).isEqualTo(expected);
        assertThat(new Durations().convert(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "rejects ''{0}''")
    @ValueSource(strings = {"5 minutes", "soon", "", "1.5s", "-5s", "5d", "ms"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text, "cairn.toml lock_timeout"))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CairnException.Kind.USAGE);
                    assertThat(e.code()).isEqualTo("config.duration");
                    assertThat(e.getMessage()).isEqualTo("cairn.toml lock_timeout '" + text
                            + "' is not a duration; write it like 500ms, 60s, 5m or 1h");
                });
    }

    @ParameterizedTest(name = "rejects ''{0}''")
    @ValueSource(strings = {"99999999999999999999", "9223372036854775807h"})
    void rejectsADurationTooLargeToHold(String text) {
        assertThatThrownBy(() -> Durations.parse(text, "lock_timeout"))
                .isInstanceOfSatisfying(CairnException.class,
                        e -> assertThat(e.code()).isEqualTo("config.duration"));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private ConfigFile read(String toml) throws IOException {
        return ConfigFile.read(write(toml));
    }

    @Test
    void notifyTablesAtTheTopAndPerEnvironment() throws IOException {
        Path file = write("[notify]\nurls = [\"https://a.example.com/x\"]\n"
                + "[env.production.notify]\nurls = \"https://b.example.com/y\"\non = [\"failure\"]\n");

        ConfigFile config = ConfigFile.read(file);

        assertThat(config.top().webhooks().urls()).contains(List.of("https://a.example.com/x"));
        assertThat(config.top().webhooks().on()).isEmpty();
        assertThat(config.environment("production").webhooks().urls()).contains(List.of("https://b.example.com/y"));
        assertThat(config.environment("production").webhooks().on()).contains(List.of("failure"));
    }

    @Test
    void notifyMistakesNameTheKey() throws IOException {
        assertThatThrownBy(() -> ConfigFile.read(write("[notify]\nurl = \"https://a.example.com/x\"\n")))
                .hasMessageEndingWith("[notify]: unknown key 'url'; known keys: on, urls");
        assertThatThrownBy(() -> ConfigFile.read(write("[notify]\non = [\"failures\"]\n")))
                .hasMessageEndingWith("[notify]: 'on' takes \"success\" and \"failure\", not \"failures\"");
        assertThatThrownBy(() -> ConfigFile.read(write("notify = \"https://a.example.com/x\"\n")))
                .hasMessageContaining("'notify' must be a table");
        assertThatThrownBy(() -> ConfigFile.read(write("[env.staging.notify]\nurls = 3\n")))
                .hasMessageContaining("[env.staging.notify]: 'urls' must be a string or an array of strings");
    }

    private Path write(String toml) throws IOException {
        return Files.writeString(dir.resolve(ConfigFile.NAME), toml);
    }
}
