package dev.cairn.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionControlTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "BEGIN;                                      | BEGIN",
        "begin work;                                 | BEGIN",
        "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE; | BEGIN",
        "BEGIN READ ONLY;                            | BEGIN",
        "/* why */ START TRANSACTION;                | BEGIN",
        "START something;                            | NONE",
        "COMMIT;                                     | END",
        "END;                                        | END",
        "end transaction;                            | END",
        "ROLLBACK;                                   | END",
        "ABORT;                                      | END",
        "COMMIT AND NO CHAIN;                        | END",
        "COMMIT WORK AND NO CHAIN;                   | END",
        "PREPARE TRANSACTION 'x';                    | END",
        "COMMIT AND CHAIN;                           | CHAIN",
        "ROLLBACK TRANSACTION AND CHAIN;             | CHAIN",
        "ROLLBACK TO SAVEPOINT s;                    | NONE",
        "COMMIT PREPARED 'x';                        | NONE",
        "ROLLBACK PREPARED 'x';                      | NONE",
        "SAVEPOINT s;                                | NONE",
        "CREATE TABLE begin_log (id int);            | NONE"})
    void classifiesTransactionControlByItsLeadingWords(String sql, TransactionControl.Kind kind) {
        assertThat(TransactionControl.of(new SqlStatement(1, 1, sql, ""))).isEqualTo(kind);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "outer pair                    | BEGIN;,A;,COMMIT;                         | A;",
        "lone trailing COMMIT          | A;,COMMIT;                                | A;",
        "two blocks keep their COMMITs | BEGIN;,A;,COMMIT;,BEGIN;,B;,COMMIT;       | BEGIN;,A;,COMMIT;,BEGIN;,B;,COMMIT;",
        "a block after other work      | X;,BEGIN;,A;,COMMIT;                      | X;,BEGIN;,A;,COMMIT;",
        "no COMMIT at the end          | BEGIN;,A;                                 | BEGIN;,A;"})
    void unwrapsOnlyTheFormsThatRunInCairnsTransaction(String what, String in, String out) {
        List<SqlStatement> statements = statements(in);
        assertThat(TransactionControl.unwrapped(statements)).extracting(SqlStatement::sql)
                .containsExactly(out.split(","));
    }

    private static List<SqlStatement> statements(String csv) {
        String[] parts = csv.split(",");
        List<SqlStatement> out = new java.util.ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            out.add(new SqlStatement(i + 1, 1, parts[i], ""));
        }
        return out;
    }
}
