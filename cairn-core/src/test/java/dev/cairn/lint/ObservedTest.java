package dev.cairn.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.sql.SqlSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How observations confirm, refute and size the static findings (observations given, no database). */
class ObservedTest {

    private static final String FILE = "m.sql";

    private static LintResult lint(String sql, Observation o, Observations.Size size) {
        Observations obs = new Observations(Map.of(Observations.key(FILE, 1), o), Map.of("public.orders", size));
        return new Linter(LintOptions.defaults(), obs).run(List.of(new LintScript(FILE, "2",
                new SqlSource(FILE, sql, 1), Optional.empty(), false)), true);
    }

    private static Observation rewrote() {
        return new Observation(List.of(new Evidence.Lock("public.orders", "AccessExclusiveLock")),
                List.of("public.orders"), List.of(), "");
    }

    @Test
    void aConfirmedRewriteIsSizedByTheLiveTable() {
        LintResult big = lint("ALTER TABLE orders ALTER COLUMN id TYPE bigint;", rewrote(),
                new Observations.Size(12_345_678, 3_300_000_000L));
        assertThat(big.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).endsWith("(public.orders: ≈12.3 M rows, 3.1 GB now)");
            assertThat(f.evidence().rows()).isEqualTo(12_345_678);
        });
        LintResult small = lint("ALTER TABLE orders ALTER COLUMN id TYPE bigint;", rewrote(),
                new Observations.Size(40, 16_384));
        assertThat(small.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.message()).endsWith("(public.orders: ≈40 rows, 16.0 kB now)");
        });
    }

    @Test
    void aTypeChangeThatDidNotRewriteIsNotAFinding() {
        Observation brief = new Observation(List.of(new Evidence.Lock("public.orders", "AccessExclusiveLock")),
                List.of(), List.of(), "");
        assertThat(lint("ALTER TABLE orders ALTER COLUMN note TYPE varchar(300);", brief,
                new Observations.Size(1_000_000, 1L << 30)).findings()).isEmpty();
    }

    @Test
    void aRewriteNoRuleExplainsIsReported() {
        LintResult r = lint("ALTER TABLE orders SET TABLESPACE pg_default;", rewrote(),
                new Observations.Size(50_000, 20_000_000));
        assertThat(r.findings()).extracting(Finding::rule, Finding::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("table-rewrite", Severity.ERROR));
        assertThat(r.findings().get(0).message()).startsWith("observed: rewrites public.orders under ACCESS EXCLUSIVE");
    }

    @Test
    void counts() {
        assertThat(Observed.count(9_999)).isEqualTo("9999");
        assertThat(Observed.count(12_000)).isEqualTo("12 k");
        assertThat(Observed.bytes(512)).isEqualTo("512 B");
        assertThat(Observed.bytes(10L * 1024 * 1024)).isEqualTo("10.0 MB");
    }
}
