package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.Cairn;
import dev.cairn.error.CairnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a URL names as its target, URLs that name none, and malformed parts that must not leak a password. */
class DatabaseUrlTargetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "postgres://app:secret@db.example.com:6543/app?sslmode=require | app@db.example.com:6543/app",
            "postgres://app@db.example.com/app                               | app@db.example.com:5432/app",
            "postgres://app@/app                                             | app@localhost:5432/app",
            "postgresql://app@[::1]:5433/v6                                  | app@[::1]:5433/v6",
            "jdbc:postgresql://h1:5433,h2/multi?user=x&password=secret       | x@h1:5433,h2:5432/multi",
            "jdbc:postgresql://h/app?user=deploy                             | deploy@h:5432/app",
            "jdbc:postgresql:shortform?user=u                                | u@localhost:5432/shortform",
    })
    void targetNamesUserHostPortAndDatabaseButNeverThePassword(String url, String target) {
        assertThat(DatabaseUrl.parse(url).target()).isEqualTo(target).doesNotContain("secret");
    }

    @Test
    void targetWithoutAUserNamesTheDriversDefaultTheOperatingSystemUser() {
        assertThat(DatabaseUrl.parse("postgres://h/app").target()).isEqualTo(System.getProperty("user.name") + "@h:5432/app");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"postgres://", "postgresql:///", "postgres://:@/", "postgres://app:secret@db.example.com",
            "postgres://app:secret@db.example.com:5432/", "postgres://h/?sslmode=require", "jdbc:postgresql://h/",
            "jdbc:postgresql://h:5432/?user=app&password=secret", "jdbc:postgresql:", "jdbc:postgresql:///"})
    void aUrlThatNamesNoDatabaseIsAUsageError(String url) {
        assertThatThrownBy(() -> Cairn.configure().url(url).load())
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.code()).isEqualTo("config.url");
                    assertThat(e.getMessage()).contains("names no database").doesNotContain("secret");
                });
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"postgres:///app", "postgres://h/app", "postgres://h?dbname=app",
            "jdbc:postgresql:app", "jdbc:postgresql://h/app"})
    void aUrlThatNamesItsDatabaseIsAccepted(String url) {
        assertThat(Cairn.configure().url(url).load().configuration().connection().database()).isEqualTo("app");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "postgres://adv_pw:Sx%Q7secret@127.0.0.1:5432/adv_sec                  | the password",
            "postgres://adv_pw:Sx%Q@127.0.0.1:5432/adv_sec                         | the password",
            "postgres://adv_pw:Sxsecret%@127.0.0.1:5432/adv_sec                    | the password",
            "jdbc:postgresql://127.0.0.1:5432/adv_sec?user=adv_pw&password=Sx%Q7secret | the password",
            "jdbc:postgresql://127.0.0.1:5432/adv_sec?password=Sx%Q7secret&user=adv_pw | the password",
            "postgres://127.0.0.1:5432/adv_sec?password=Sx%Q7secret                | the password",
            "postgres://ad%zzpw:Sxsecret@127.0.0.1:5432/adv_sec                    | the user name",
            "postgres://adv_pw:Sxsecret@127.0.0.1:5432/adv%g1                      | the database name",
            "jdbc:postgresql://127.0.0.1/adv?options=%zz&password=Sxsecret         | parameter 'options'",
    })
    void aPercentNotFollowedByTwoHexDigitsIsAUsageErrorThatShowsNoPartOfThePassword(String url, String part) {
        assertThatThrownBy(() -> DatabaseUrl.parse(url))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.code()).isEqualTo("config.url");
                    assertThat(e.getMessage()).contains(part).contains("%25")
                            .doesNotContain("Q7").doesNotContain("Sx").doesNotContain("secret");
                });
    }

    @Test
    void anEncodedPercentInThePasswordIsKept() {
        assertThat(DatabaseUrl.parse("postgres://u:Sx%25Q7secret@h/db").password()).contains("Sx%Q7secret");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db?password=Sx%25Q7secret").password()).contains("Sx%Q7secret");
        assertThat(DatabaseUrl.parse("postgres://u:%C3%A9t%C3%A9@h/db").password()).contains("\u00e9t\u00e9");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "postgres://u@h/db?connect_timeout=abc          | connect_timeout 'abc' is not a whole number",
            "postgres://u@h/db?connect_timeout=-1           | connect_timeout '-1' is not a whole number",
            "jdbc:postgresql://h/db?connectTimeout=10s      | connectTimeout '10s' is not a whole number",
            "jdbc:postgresql://h/db?socketTimeout=x&user=u  | socketTimeout 'x' is not a whole number",
    })
    void aTimeoutThatIsNotAWholeNumberOfSecondsIsAUsageError(String url, String message) {
        assertThatThrownBy(() -> DatabaseUrl.parse(url))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains(message);
                });
        assertThat(DatabaseUrl.parse("postgres://u@h/db?connect_timeout=10").parameters()).containsEntry("connectTimeout", "10");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgres:/u:secret@h/db", "postgres:u:secret@h/db", "mysql:/u:secret@h/db",
            "pg://u:sec:ret@h/db"})
    void aRejectedUrlOfAnotherShapeDoesNotShowItsPassword(String url) {
        assertThatThrownBy(() -> DatabaseUrl.parse(url))
                .isInstanceOfSatisfying(CairnException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("is neither").doesNotContain("secret").doesNotContain("ret@");
                });
    }

    @Test
    void parametersListTheJdbcQueryAndTheLibpqPropertiesWithoutCredentials() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db?user=u&password=p&foo=bar&ssl=true").parameters())
                .containsOnlyKeys("foo", "ssl");
        assertThat(DatabaseUrl.parse("postgres://u:p@h/db?sslmode=require&application_name=x").parameters())
                .containsOnlyKeys("sslmode", "ApplicationName");
    }
}
