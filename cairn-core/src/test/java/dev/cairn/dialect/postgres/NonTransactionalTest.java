package dev.cairn.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which statements PostgreSQL refuses in a transaction block, told from their leading keywords. */
class NonTransactionalTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "CREATE INDEX CONCURRENTLY i ON t (a)                  | 15 | CREATE INDEX CONCURRENTLY",
            "create unique index concurrently i on t (a)           | 15 | CREATE INDEX CONCURRENTLY",
            "CREATE /* c */ INDEX -- c\\n CONCURRENTLY i ON t (a)   | 15 | CREATE INDEX CONCURRENTLY",
            "CREATE INDEX i ON t (a)                               | 15 | -",
            "CREATE UNIQUE INDEX i ON t (concurrently)             | 15 | -",
            "DROP INDEX CONCURRENTLY i                             | 15 | DROP INDEX CONCURRENTLY",
            "DROP INDEX i                                          | 15 | -",
            "REINDEX (VERBOSE) TABLE CONCURRENTLY t                | 15 | REINDEX CONCURRENTLY",
            "REINDEX (CONCURRENTLY) TABLE t                        | 15 | REINDEX CONCURRENTLY",
            "REINDEX INDEX CONCURRENTLY i                          | 15 | REINDEX CONCURRENTLY",
            "REINDEX TABLE t                                       | 15 | -",
            "REINDEX (VERBOSE, CONCURRENTLY true) INDEX i          | 15 | REINDEX CONCURRENTLY",
            "REINDEX (CONCURRENTLY false) TABLE t                  | 15 | -",
            "REINDEX INDEX public.t_id_concurrently_x              | 15 | -",
            "REINDEX /* not concurrently */ TABLE t                | 15 | -",
            "REINDEX TABLE \"concurrently_log\"                    | 15 | -",
            "VACUUM ANALYZE t                                      | 15 | VACUUM",
            "vacuum                                                | 15 | VACUUM",
            "VACUUMED_TABLE_INSERT                                 | 15 | -",
            "ALTER SYSTEM SET work_mem = '8MB'                     | 15 | ALTER SYSTEM",
            "CREATE DATABASE d                                     | 15 | CREATE DATABASE",
            "ALTER TYPE mood ADD VALUE 'meh'                       | 11 | ALTER TYPE ... ADD VALUE before PostgreSQL 12",
            "ALTER TYPE mood ADD VALUE 'meh'                       | 12 | -",
            "INSERT INTO t VALUES ('CREATE INDEX CONCURRENTLY')    | 15 | -",
    })
    void recognisesTheStatementsThatCannotRunInATransaction(String sql, int major, String reason) {
        assertThat(NonTransactional.reason(sql.replace("\\n", "\n"), major)).isEqualTo(reason == null ? "" : reason);
    }
}
