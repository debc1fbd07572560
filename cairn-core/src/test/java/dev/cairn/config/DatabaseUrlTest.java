package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cairn.error.CairnException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    static Stream<Arguments> urls() {
        return Stream.of(
                arguments("postgres://user:p%40ss@db.example.com:6543/app?sslmode=require&application_name=x",
                        "jdbc:postgresql://db.example.com:6543/app",
                        Map.of("user", "user", "password", "p@ss", "sslmode", "require", "ApplicationName", "x")),
                arguments("postgresql://user:p%40ss@db.example.com:6543/app?sslmode=require&application_name=x",
                        "jdbc:postgresql://db.example.com:6543/app",
                        Map.of("user", "user", "password", "p@ss", "sslmode", "require", "ApplicationName", "x")),
                arguments("POSTGRES://app@db.example.com/app",
                        "jdbc:postgresql://db.example.com/app",
                        Map.of("user", "app")),
                arguments("postgres://db.example.com:5432/app",
                        "jdbc:postgresql://db.example.com:5432/app",
                        Map.of()),
                arguments("postgres://app:secret@db.example.com/app",
                        "jdbc:postgresql://db.example.com/app",
                        Map.of("user", "app", "password", "secret")),
                arguments("postgres://app:a+b@localhost/app",
                        "jdbc:postgresql://localhost/app",
                        Map.of("user", "app", "password", "a+b")),
                arguments("postgres:///app",
                        "jdbc:postgresql://localhost/app",
                        Map.of()),
                arguments("postgres://h/ignored?dbname=real&connect_timeout=5",
                        "jdbc:postgresql://h/real",
                        Map.of("connectTimeout", "5")),
                arguments("  postgres://h/app  ",
                        "jdbc:postgresql://h/app",
                        Map.of()),
                arguments("jdbc:postgresql://h:5432/app?user=a&password=b&ssl=true",
                        "jdbc:postgresql://h:5432/app?ssl=true",
                        Map.of("user", "a", "password", "b")),
                arguments("jdbc:postgresql://h/app?ssl=true&password=b&sslmode=require&user=a",
                        "jdbc:postgresql://h/app?ssl=true&sslmode=require",
                        Map.of("user", "a", "password", "b")),
                arguments("jdbc:postgresql://h/app",
                        "jdbc:postgresql://h/app",
                        Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("urls")
    void splitsTheUrlFromItsCredentialsAndProperties(String url, String jdbcUrl, Map<String, String> properties) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);

        assertThat(parsed.jdbcUrl()).isEqualTo(jdbcUrl);
        Properties expected = new Properties();
        expected.putAll(properties);
        assertThat(parsed.properties()).isEqualTo(expected);
        assertThat(parsed.user()).isEqualTo(Optional.ofNullable(properties.get("user")));
        assertThat(parsed.password()).isEqualTo(Optional.ofNullable(properties.get("password")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "postgres://app:s3cr3t-pw@db.example.com:6543/app?sslmode=require, s3cr3t-pw",
            "postgres://app:p%40ss-word@db.example.com/app,                    p@ss-word",
            "jdbc:postgresql://db.example.com/app?user=app&password=s3cr3t-pw, s3cr3t-pw",
            "postgres://db.example.com/app?password=s3cr3t-pw&user=app,        s3cr3t-pw",
    })
    void displayAndToStringNeverShowThePassword(String url, String password) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);

        assertThat(parsed.password()).contains(password);
        assertThat(parsed.display()).doesNotContain(password).contains("db.example.com").endsWith("(user app)");
        assertThat(parsed.toString()).doesNotContain(password).isEqualTo(parsed.display());
        assertThat(parsed.jdbcUrl()).doesNotContain(password);
    }

    @Test
    void displayWithoutUserIsTheJdbcUrl() {
        assertThat(DatabaseUrl.parse("postgres://db.example.com/app").display())
                .isEqualTo("jdbc:postgresql://db.example.com/app");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "postgres://app:secret@h:5432/db                          | postgres://app:***@h:5432/db",
            "mysql://u:secret@h/db                                    | mysql://u:***@h/db",
            "jdbc:postgresql://h/db?user=app&password=secret&ssl=true | jdbc:postgresql://h/db?user=app&password=***&ssl=true",
            "jdbc:postgresql://h/db?PASSWORD=secret                   | jdbc:postgresql://h/db?PASSWORD=***",
            "connect failed for password=secret user=app              | connect failed for password=*** user=app",
            "postgres://app@h/db                                      | postgres://app@h/db",
            "no url here                                              | no url here",
    })
    void redactHidesPasswords(String text, String redacted) {
        assertThat(DatabaseUrl.redact(text)).isEqualTo(redacted).doesNotContain("secret");
    }

    @Test
    void redactHidesAPasswordWithAnUnencodedAt() {
        assertThat(DatabaseUrl.parse("postgres://app:p@ssw0rd@h/db").password()).contains("p@ssw0rd");

        assertThat(DatabaseUrl.redact("postgres://app:p@ssw0rd@h/db")).doesNotContain("ssw0rd");
    }

    @ParameterizedTest(name = "rejects ''{0}''")
    @ValueSource(strings = {"mysql://x", "mysql://u:secret@h/db", "db.example.com/app", "",
            "sqlserver://u:secret@h", "http://u:password=secret@h"})
    void rejectsWhatIsNeitherJdbcNorPostgresWithoutShowingThePassword(String url) {
        assertThatThrownBy(() -> DatabaseUrl.parse(url))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CairnException.Kind.USAGE);
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.code()).isEqualTo("config.url");
                    assertThat(e.getMessage())
                            .contains("is neither a JDBC URL", "postgres://")
                            .doesNotContain("secret");
                });
    }

    @Test
    void rejectionNamesTheUrlWithoutItsPassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:secret@h/db"))
                .hasMessageStartingWith("database URL 'mysql://u:***@h/db' is neither");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://h:5432/app?ssl=true&user=u&password=p | jdbc:postgresql://h:5432/scratch?ssl=true",
            "jdbc:postgresql://h:5432/app                            | jdbc:postgresql://h:5432/scratch",
            "jdbc:postgresql://h/                                    | jdbc:postgresql://h/scratch",
            "jdbc:postgresql://h                                     | jdbc:postgresql://h/scratch",
            "postgres://u:p@h:6543/app?sslmode=require               | jdbc:postgresql://h:6543/scratch",
    })
    void withDatabaseKeepsQueryAndCredentials(String url, String expected) {
        DatabaseUrl original = DatabaseUrl.parse(url);

        DatabaseUrl scratch = original.withDatabase("scratch");

        assertThat(scratch.jdbcUrl()).isEqualTo(expected);
        assertThat(scratch.properties()).isEqualTo(original.properties());
        assertThat(scratch.user()).isEqualTo(original.user());
        assertThat(scratch.password()).isEqualTo(original.password());
    }

    @Test
    void withDatabaseKeepsLibpqSettingsAsProperties() {
        DatabaseUrl scratch = DatabaseUrl.parse("postgres://u:p@h/app?sslmode=require").withDatabase("scratch");

        assertThat(scratch.properties()).containsEntry("sslmode", "require").containsEntry("password", "p");
    }

    @Test
    void withDatabaseReplacesTheDatabaseOfTheShortForm() {
        DatabaseUrl scratch = DatabaseUrl.parse("jdbc:postgresql:app").withDatabase("scratch");

        assertThat(scratch.jdbcUrl()).doesNotContain("app").endsWith("scratch");
    }

    @Test
    void withCredentialsReplacesOnlyWhatIsGiven() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://old:oldpw@h/app");

        assertThat(url.withCredentials("new", null).password()).contains("oldpw");
        assertThat(url.withCredentials("new", null).user()).contains("new");
        assertThat(url.withCredentials(null, "newpw").password()).contains("newpw");
        assertThat(url.withCredentials(null, "newpw").jdbcUrl()).isEqualTo("jdbc:postgresql://h/app");
    }
}
