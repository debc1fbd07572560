package dev.cairn.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.sql.SqlSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule: the dangerous form flagged at its line, the safe form not flagged (no database). */
class StaticRulesTest {

    /** A table that exists before the file (created in an earlier one), then the statement on line 3. */
    private static final String BEFORE = "CREATE TABLE orders (id bigint, customer_id bigint, note varchar(20),"
            + " amount numeric(10,2), status text);\n";

    private static List<Finding> lint(String... files) {
        List<LintScript> scripts = new java.util.ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            scripts.add(LintScript.plain("m" + (i + 1) + ".sql", files[i]));
        }
        return Linter.lint(scripts, LintOptions.defaults()).findings();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "require-concurrent-index-creation | CREATE INDEX orders_c ON orders (customer_id);",
        "require-concurrent-index-creation | create unique index on public.orders using btree (id);",
        "require-concurrent-index-deletion | DROP INDEX orders_c;",
        "constraint-missing-not-valid      | ALTER TABLE orders ADD CONSTRAINT c_fk FOREIGN KEY (customer_id) REFERENCES customers (id);",
        "constraint-missing-not-valid      | ALTER TABLE orders ADD CHECK (amount > 0);",
        "disallowed-unique-constraint      | ALTER TABLE orders ADD CONSTRAINT u UNIQUE (customer_id, id);",
        "adding-serial-primary-key-field   | ALTER TABLE orders ADD PRIMARY KEY (id);",
        "adding-field-with-default         | ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();",
        "adding-field-with-default         | ALTER TABLE orders ADD COLUMN seq bigserial;",
        "changing-column-type              | ALTER TABLE orders ALTER COLUMN id TYPE int;",
        "changing-column-type              | ALTER TABLE orders ALTER COLUMN note TYPE varchar(10);",
        "changing-column-type              | ALTER TABLE orders ALTER COLUMN amount TYPE numeric(12,3);",
        "changing-column-type              | ALTER TABLE unknown_table ALTER COLUMN x TYPE text;",
        "adding-not-nullable-field         | ALTER TABLE orders ALTER COLUMN status SET NOT NULL;",
        "adding-required-field             | ALTER TABLE orders ADD COLUMN region text NOT NULL;",
        "ban-drop-column                   | ALTER TABLE orders DROP COLUMN note;",
        "ban-drop-table                    | DROP TABLE IF EXISTS orders CASCADE;",
        "ban-drop-database                 | DROP DATABASE app;",
        "renaming-column                   | ALTER TABLE orders RENAME COLUMN note TO remark;",
        "renaming-table                    | ALTER TABLE orders RENAME TO purchases;",
        "prefer-jsonb                      | ALTER TABLE orders ADD COLUMN payload json;"})
    void flagsTheDangerousFormAtItsLine(String rule, String sql) {
        List<Finding> found = lint(BEFORE, "-- a comment\n\n" + sql + "\n");
        assertThat(found).extracting(Finding::rule, Finding::file, Finding::line, Finding::column)
                .contains(org.assertj.core.groups.Tuple.tuple(rule, "m2.sql", 3, 1));
        Finding f = found.stream().filter(x -> x.rule().equals(rule)).findFirst().orElseThrow();
        assertThat(f.statement()).isEqualTo(sql);
        assertThat(f.safer()).isNotBlank();
        assertThat(f.message()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "concurrent index            | CREATE INDEX CONCURRENTLY orders_c ON orders (customer_id);",
        "concurrent drop             | DROP INDEX CONCURRENTLY IF EXISTS orders_c;",
        "fk not valid                | ALTER TABLE orders ADD CONSTRAINT c_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;",
        "check not valid             | ALTER TABLE orders ADD CONSTRAINT pos CHECK (amount > 0) NOT VALID;",
        "validate                    | ALTER TABLE orders VALIDATE CONSTRAINT pos;",
        "unique using index          | ALTER TABLE orders ADD CONSTRAINT u UNIQUE USING INDEX orders_u;",
        "constant default            | ALTER TABLE orders ADD COLUMN flag boolean NOT NULL DEFAULT false;",
        "stable default              | ALTER TABLE orders ADD COLUMN at timestamptz DEFAULT now();",
        "nullable column             | ALTER TABLE orders ADD COLUMN region text;",
        "growing varchar             | ALTER TABLE orders ALTER COLUMN note TYPE varchar(200);",
        "varchar to text             | ALTER TABLE orders ALTER COLUMN note TYPE text;",
        "wider numeric               | ALTER TABLE orders ALTER COLUMN amount TYPE numeric(14,2);",
        "drop constraint             | ALTER TABLE orders DROP CONSTRAINT pos;",
        "new table                   | CREATE TABLE items (id bigint PRIMARY KEY, body jsonb);",
        "keyword in a literal        | INSERT INTO orders (note) VALUES ('DROP TABLE orders');"})
    void doesNotFlagTheSafeForm(String name, String sql) {
        assertThat(lint(BEFORE, sql + "\n")).isEmpty();
    }

    @Test
    void anIndexOnATableCreatedInTheSameMigrationIsFine() {
        assertThat(lint("CREATE TABLE t (id bigint, a text);\nCREATE INDEX t_a ON t (a);\n"
                + "ALTER TABLE t ADD COLUMN b text NOT NULL;\nALTER TABLE t ALTER COLUMN a TYPE int;\n"
                + "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a);\nALTER TABLE t DROP COLUMN b;\nDROP INDEX t_a;\n")).isEmpty();
    }

    @Test
    void butInALaterMigrationTheTableMayHoldRows() {
        assertThat(lint("CREATE TABLE t (id bigint, a text);\n", "CREATE INDEX t_a ON t (a);\n"))
                .extracting(Finding::rule, Finding::file).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("require-concurrent-index-creation", "m2.sql"));
    }

    @Test
    void setNotNullIsFineAfterAValidatedCheckInAnEarlierMigration() {
        String add = "ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL) NOT VALID;\n";
        String validate = "ALTER TABLE orders VALIDATE CONSTRAINT status_nn;\n";
        String set = "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;\n";
        assertThat(lint(BEFORE, add, validate, set)).isEmpty();
        // Without the VALIDATE the NOT VALID check proves nothing: SET NOT NULL scans.
        assertThat(lint(BEFORE, add, set)).extracting(Finding::rule, Finding::file)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("adding-not-nullable-field", "m3.sql"));
    }

    @Test
    void saferSqlIsWrittenOutForThisStatement() {
        Finding f = lint(BEFORE, "ALTER TABLE orders ALTER COLUMN status SET NOT NULL;").get(0);
        assertThat(f.safer()).isEqualTo("""
                ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
                ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
                ALTER TABLE orders DROP CONSTRAINT orders_status_not_null;""");
        Finding fk = lint(BEFORE, "ALTER TABLE orders ADD CONSTRAINT c_fk FOREIGN KEY (customer_id) REFERENCES"
                + " customers (id);").get(0);
        assertThat(fk.safer()).startsWith("""
                ALTER TABLE orders ADD CONSTRAINT c_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT c_fk;""");
        Finding idx = lint(BEFORE, "CREATE INDEX orders_c ON orders (customer_id);").get(0);
        assertThat(idx.safer()).startsWith("CREATE INDEX CONCURRENTLY orders_c ON orders (customer_id);");
        Finding u = lint(BEFORE, "ALTER TABLE orders ADD CONSTRAINT u UNIQUE (customer_id);").get(0);
        assertThat(u.safer()).startsWith("""
                CREATE UNIQUE INDEX CONCURRENTLY u_idx ON orders (customer_id);
                ALTER TABLE orders ADD CONSTRAINT u UNIQUE USING INDEX u_idx;""");
    }

    @Test
    void transactionControl() {
        assertThat(lint("BEGIN;\nCREATE TABLE t (id bigint);\nCOMMIT;\n")).isEmpty();
        assertThat(lint(BEFORE, "BEGIN;\nCREATE INDEX CONCURRENTLY i ON orders (id);\nCOMMIT;\n"))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ban-concurrent-index-creation-in-transaction", 2));
        assertThat(lint("BEGIN;\nBEGIN;\nCREATE TABLE t (id bigint);\nCOMMIT;\n"))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("transaction-nesting", 2));
        assertThat(lint("BEGIN;\nCREATE TABLE t (id bigint);\nCOMMIT;\nBEGIN;\nCREATE TABLE u (id bigint);\nCOMMIT;\n"))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("transaction-nesting", 4));
    }

    @Test
    void styleHintsAreOffByDefaultAndInfoWhenAskedFor() {
        String sql = "CREATE TABLE t (id serial, at timestamp, name varchar(20), code char(2), n integer);";
        assertThat(lint(sql)).isEmpty();
        LintResult r = Linter.lint(List.of(LintScript.plain("a.sql", sql)),
                new LintOptions(Set.of(), Set.of(), Map.of(), true));
        assertThat(r.findings()).extracting(Finding::rule).contains("prefer-big-int", "prefer-identity",
                "prefer-timestamptz", "prefer-text-field", "ban-char-field");
        assertThat(r.findings()).allMatch(f -> f.severity() == Severity.INFO);
        assertThat(r.failed()).isFalse();
    }

    @Test
    void commasAndParenthesesInQuotesAndCommentsDoNotSplitAColumnList() {
        String sql = "CREATE TABLE t (a text DEFAULT E'x\\', n integer' /* , m integer ( */, b text DEFAULT $$),$$,"
                + " \"odd, (name\" timestamp);";
        LintResult r = Linter.lint(List.of(LintScript.plain("a.sql", sql)),
                new LintOptions(Set.of(), Set.of(), Map.of(), true));
        assertThat(r.findings()).extracting(Finding::rule).containsExactly("prefer-timestamptz");
        assertThat(r.findings().get(0).message()).contains("odd, (name");
    }

    @Test
    void directivesIgnoreAStatementOrTheFileAndUnusedOnesAreReported() {
        String file = "-- cairn:lint-ignore ban-drop-table\n"
                + "ALTER TABLE orders DROP COLUMN note;\n"
                + "-- cairn:lint-ignore renaming-column, ban-drop-column\n"
                + "ALTER TABLE orders RENAME COLUMN status TO state;\n"
                + "DROP TABLE orders;\n";
        LintResult r = Linter.lint(List.of(LintScript.plain("a.sql", BEFORE), LintScript.plain("b.sql", file)),
                LintOptions.defaults());
        assertThat(r.findings()).extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ban-drop-column", 2));
        assertThat(r.unused()).extracting(LintResult.UnusedIgnore::rule, LintResult.UnusedIgnore::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ban-drop-column", 3));
    }

    @Test
    void configurationIgnoresEscalatesAndIgnoresPerMigration() {
        List<LintScript> scripts = List.of(LintScript.plain("a.sql", BEFORE),
                new LintScript("b.sql", "7", new SqlSource("b.sql", "DROP INDEX i;\nALTER TABLE orders DROP COLUMN note;", 1),
                        Optional.empty(), false));
        LintResult r = Linter.lint(scripts, new LintOptions(Set.of(), Set.of("require-concurrent-index-deletion"),
                Map.of("7", List.of("ban-drop-column", "renaming-table")), false));
        assertThat(r.findings()).extracting(Finding::rule, Finding::severity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("require-concurrent-index-deletion", Severity.ERROR));
        assertThat(r.unused()).extracting(LintResult.UnusedIgnore::rule).containsExactly("renaming-table");
        LintResult ignored = Linter.lint(scripts, new LintOptions(Set.of("ban-drop-column",
                "require-concurrent-index-deletion"), Set.of(), Map.of(), false));
        assertThat(ignored.findings()).isEmpty();
    }

    @Test
    void anEmptyDownIsReported() {
        LintScript s = new LintScript("c.sql", "3", new SqlSource("c.sql", "CREATE TABLE t (id bigint);", 2),
                Optional.of(new SqlSource("c.sql", "-- nothing\n", 4)), true);
        assertThat(Linter.lint(List.of(s), LintOptions.defaults()).findings())
                .extracting(Finding::rule, Finding::line, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("empty-down", 4, Severity.WARNING));
    }
}
