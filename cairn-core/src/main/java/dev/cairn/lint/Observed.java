package dev.cairn.lint;

import dev.cairn.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a statement did on the scratch database into findings: a rule's guess is kept when
 * the lock, rewrite or scan it warns about happened on a table that already existed, and dropped
 * when not (a type change that did not rewrite, an index on a table a pending migration creates);
 * the severity follows the live table's size. A rewrite or scan no rule explained is a finding of
 * its own.
 */
final class Observed {

    /** A table this big or bigger makes a blocking finding an error; a smaller one, a warning. */
    static final long LARGE_ROWS = 10_000;
    static final long LARGE_BYTES = 10L * 1024 * 1024;

    private Observed() {
    }

    static Optional<Finding> refine(Finding f, Rule rule, Observation o, Map<String, Observations.Size> sizes,
                                    Set<String> explained) {
        if (!rule.observable()) {
            if (rule == Rule.ADDING_REQUIRED_FIELD) {
                return Optional.of(required(f, o, sizes));
            }
            Evidence e = evidence(o, List.of(), List.of(), sizes);
            return Optional.of(f.with(f.severity(), f.message() + size(e), e));
        }
        List<String> rewrites = o.rewrites();
        List<String> scans = o.scans();
        boolean confirmed = switch (rule) {
            case CHANGING_COLUMN_TYPE, ADDING_FIELD_WITH_DEFAULT -> !rewrites.isEmpty();
            case CONSTRAINT_MISSING_NOT_VALID, ADDING_NOT_NULLABLE_FIELD -> !scans.isEmpty();
            default -> !o.locks().isEmpty();
        };
        if (!confirmed) {
            return Optional.empty();
        }
        explained.addAll(rewrites);
        explained.addAll(scans);
        Evidence e = evidence(o, rewrites, scans, sizes);
        return Optional.of(f.with(sized(e, f.severity()), "observed: " + f.message() + size(e), e));
    }

    /** ADD COLUMN NOT NULL without a default: fails exactly when the live table has rows. */
    private static Finding required(Finding f, Observation o, Map<String, Observations.Size> sizes) {
        Evidence e = evidence(o, List.of(), List.of(), sizes);
        if (e.rows() == 0 && e.bytes() >= 0) {
            return f.with(Severity.WARNING, f.message() + " (the live table is empty now, so it would pass today)", e);
        }
        return f.with(Severity.ERROR, f.message() + size(e), e);
    }

    static List<Finding> unexplained(String file, SqlStatement st, Observation o, Map<String, Observations.Size> sizes,
                                     Set<String> explained) {
        List<Finding> out = new ArrayList<>();
        if (!o.failure().isEmpty()) {
            out.add(new Finding(Rule.STATEMENT_FAILS.id(), Severity.ERROR, file, st.line(), st.column(), st.sql(),
                    "failed on the scratch database built from the applied migrations: " + o.failure(),
                    "-- fix the statement; it would fail the same way on the target", Evidence.none()));
            return out;
        }
        List<String> rewrites = o.rewrites().stream().filter(r -> !explained.contains(r)).toList();
        if (!rewrites.isEmpty()) {
            Evidence e = evidence(o, rewrites, List.of(), sizes);
            out.add(new Finding(Rule.TABLE_REWRITE.id(), sized(e, Severity.ERROR), file, st.line(), st.column(),
                    st.sql(), "observed: rewrites " + String.join(", ", rewrites) + " under " + strongest(o)
                    + ": reads and writes wait for the rewrite" + size(e), "-- add a new column or table and move the"
                    + " data in batches instead of rewriting in place", e));
        }
        List<String> scans = o.scans().stream().filter(s -> !explained.contains(s)).toList();
        if (!scans.isEmpty()) {
            Evidence e = evidence(o, List.of(), scans, sizes);
            out.add(new Finding(Rule.VALIDATION_SCAN.id(), sized(e, Severity.ERROR), file, st.line(), st.column(),
                    st.sql(), "observed: " + String.join(", ", scans) + " under " + strongest(o) + size(e),
                    "-- add constraints NOT VALID, then VALIDATE CONSTRAINT in a later statement", e));
        }
        return out;
    }

    private static String strongest(Observation o) {
        return o.locks().stream().map(Evidence.Lock::mode).filter(m -> m.equals("AccessExclusiveLock")).findFirst()
                .or(() -> o.locks().stream().map(Evidence.Lock::mode).findFirst()).map(Observed::modeName)
                .orElse("a lock");
    }

    static String modeName(String mode) {
        return mode.replace("Lock", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    /** The evidence, sized by the biggest live table among those locked. */
    private static Evidence evidence(Observation o, List<String> rewrites, List<String> scans,
                                     Map<String, Observations.Size> sizes) {
        long rows = -1;
        long bytes = -1;
        for (Evidence.Lock l : o.locks()) {
            Observations.Size s = sizes.get(l.relation());
            if (s != null && s.bytes() > bytes) {
                rows = s.rows();
                bytes = s.bytes();
            }
        }
        return new Evidence(o.locks(), rewrites, scans, rows, bytes);
    }

    private static Severity sized(Evidence e, Severity otherwise) {
        if (e.bytes() < 0) {
            return otherwise;
        }
        return e.rows() >= LARGE_ROWS || e.bytes() >= LARGE_BYTES ? Severity.ERROR : Severity.WARNING;
    }

    /** " (≈12 M rows, 3.1 GB)", or empty text when the size is unknown. */
    static String size(Evidence e) {
        if (e.bytes() < 0) {
            return "";
        }
        String rows = e.rows() < 0 ? "rows unknown (never analysed)" : "≈" + count(e.rows()) + " rows";
        String table = e.locks().isEmpty() ? "" : e.locks().get(0).relation() + ": ";
        return " (" + table + rows + ", " + bytes(e.bytes()) + " now)";
    }

    static String count(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return (n / 1000) + " k";
        }
        return String.format(Locale.ROOT, "%.1f M", n / 1e6);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = b / 1024.0;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
