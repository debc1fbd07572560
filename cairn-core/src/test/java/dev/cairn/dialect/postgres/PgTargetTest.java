package dev.cairn.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.config.DatabaseUrl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the client tools get from Cairn's URL: connection on the command line, secrets in the environment. */
class PgTargetTest {

    @Test
    void hostPortUserAndDatabaseAreArgumentsThePasswordOnlyEnvironment() {
        PgTarget t = PgTarget.of(DatabaseUrl.parse("postgres://app:s3cr%40t@db.example.com:6543/shop?sslmode=require"));
        assertThat(t.arguments()).containsExactly("-h", "db.example.com", "-p", "6543", "-U", "app", "-d", "shop");
        assertThat(t.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("PGPASSWORD", "s3cr@t", "PGSSLMODE", "require"));
        assertThat(t.toString()).doesNotContain("s3cr");
    }

    @Test
    void jdbcUrlsGiveTheirQueryAndCredentialsAlike() {
        PgTarget t = PgTarget.of(DatabaseUrl.parse(
                "jdbc:postgresql://h1:5433,h2:5434/app?sslmode=verify-full&sslrootcert=/ca.pem&user=u&password=p"));
        assertThat(t.arguments()).containsExactly("-h", "h1", "-p", "5433", "-U", "u", "-d", "app");
        assertThat(t.environment()).containsEntry("PGSSLMODE", "verify-full").containsEntry("PGSSLROOTCERT", "/ca.pem")
                .containsEntry("PGPASSWORD", "p");
    }

    @Test
    void withoutUserOrPasswordNeitherIsGiven() {
        PgTarget t = PgTarget.of(DatabaseUrl.parse("jdbc:postgresql://localhost/app"));
        assertThat(t.arguments()).containsExactly("-h", "localhost", "-p", "5432", "-d", "app");
        assertThat(t.environment()).isEmpty();
    }

    @Test
    void aDatabaseNameThatLooksLikeAConnectionStringStaysAName() {
        PgTarget t = PgTarget.of(DatabaseUrl.parse("postgres://u@h/a%3Db"));
        assertThat(t.arguments()).endsWith("-d", "dbname='a=b'");
    }

    @Test
    void commandLinesAreQuotedForTheShell() {
        assertThat(PgTools.commandLine(List.of("pg_restore", "-d", "app", "my backups/it's.dump")))
                .isEqualTo("pg_restore -d app 'my backups/it'\\''s.dump'");
    }
}
