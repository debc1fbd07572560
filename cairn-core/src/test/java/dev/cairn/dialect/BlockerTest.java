package dev.cairn.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A blocking session's query is shown in Cairn's output and logs: a password in it never is. */
class BlockerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ALTER ROLE app PASSWORD 's3cret-1'|pid 7 (psql): ALTER ROLE app PASSWORD '***'",
        "alter role app with encrypted password 'it''s-s3cret-1' valid until 'infinity'"
            + "|pid 7 (psql): alter role app with encrypted password '***' valid until 'infinity'",
        "CREATE ROLE x LOGIN PASSWORD E's3cret-1\\'s'|pid 7 (psql): CREATE ROLE x LOGIN PASSWORD '***'",
        "ALTER USER x PASSWORD $p$s3cret-1$p$; LOCK TABLE t|pid 7 (psql): ALTER USER x PASSWORD '***'; LOCK TABLE t",
        "ALTER ROLE x PASSWORD 's3cret-1|pid 7 (psql): ALTER ROLE x PASSWORD '***'",
        "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE|pid 7 (psql): LOCK TABLE orders IN ACCESS EXCLUSIVE MODE",
    })
    void passwordLiteralsAreHidden(String query, String shown) {
        Blocker b = new Blocker(7, "psql", query);

        assertThat(b.describe()).isEqualTo(shown);
        assertThat(b.query()).doesNotContain("s3cret-1");
    }
}
