package dev.cairn.cli.render;

import dev.cairn.cli.Console;
import dev.cairn.engine.DryRun;
import dev.cairn.engine.State;
import dev.cairn.engine.StatusResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Human output: aligned, one line per migration, a summary last. */
public final class Text {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    public static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    public static void status(Console c, StatusResult s) {
        c.out("database " + s.database() + ", history table " + s.table());
        int width = s.migrations().stream().mapToInt(m -> m.script().length()).max().orElse(10);
        Seconds when = new Seconds();
        for (StatusResult.Item m : s.migrations()) {
            // Padded by hand: a format string parsed per line is a tenth of printing 10,000 of them.
            String state = pad(m.state().label(), 12);
            state = switch (m.state()) {
                case APPLIED -> c.good(state);
                case PENDING, OUT_OF_ORDER -> c.warn(state);
                default -> c.bad(state);
            };
            String applied = m.appliedAt().map(when::format).orElse("");
            String extra = m.batch().map(b -> "  batch " + b).orElse("")
                    + m.durationMs().map(d -> "  " + d + " ms").orElse("")
                    + (m.computedDown() ? "  (computed down)" : "");
            c.out("  " + state + "  " + pad(m.script(), width) + "  " + applied + extra);
            if (m.state() == State.FAILED && !m.error().isEmpty()) {
                c.out("      " + m.error());
            }
        }
        var sum = s.summary();
        c.out(sum.total() + " migrations: " + sum.applied() + " applied, " + sum.pending() + " pending"
                + (sum.outOfOrder() > 0 ? ", " + sum.outOfOrder() + " out of order" : "")
                + (sum.failed() > 0 ? ", " + sum.failed() + " failed" : "")
                + (sum.modified() > 0 ? ", " + sum.modified() + " modified" : "")
                + (sum.missing() > 0 ? ", " + sum.missing() + " missing" : ""));
        if (!s.rollbacks().isEmpty()) {
            c.out("recent rollbacks:");
            s.rollbacks().forEach(r -> c.out("  " + r.script() + "  batch " + r.batch() + "  rolled back "
                    + WHEN.format(r.rolledBackAt())));
        }
        if (!s.ignored().isEmpty()) {
            c.out("ignored files:");
            s.ignored().forEach(i -> c.out("  " + i.path() + "  (" + i.reason() + ")"));
        }
        var stats = s.stats();
        c.out("database size " + (stats.exact() ? "" : "\u2248 ") + bytes(stats.sizeBytes())
                + (stats.exact() ? "" : " (estimated from the catalog; exact: status --sizes)") + ", "
                + stats.tables() + (stats.tables() == 1 ? " table" : " tables")
                + (stats.largest().isEmpty() ? "" : "; largest:"));
        stats.largest().forEach(t -> c.out(String.format("  %-40s %s", t.table(), bytes(t.bytes()))));
        if (!s.problems().isEmpty()) {
            c.out("problems:");
            s.problems().forEach(p -> c.out("  " + p.message(CliHost.HOST)));
        }
    }

    /** {@link #WHEN}, formatting each second once: the migrations of one run share their seconds. */
    private static final class Seconds {
        private long second = Long.MIN_VALUE;
        private String text = "";

        String format(Instant t) {
            if (t.getEpochSecond() != second) {
                second = t.getEpochSecond();
                text = WHEN.format(t);
            }
            return text;
        }
    }

    /** {@code text} followed by spaces up to {@code width}, as {@code %-Ns} formats it. */
    static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** {@code 8.1 MB}: binary multiples, one decimal. */
    public static String bytes(long n) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** One migration of a rollback plan, as the y/N prompt and {@code rollback --dry-run} show it. */
    public static String rollbackLine(dev.cairn.engine.RollbackRequest.Planned p) {
        String source = switch (p.downSource()) {
            case "file" -> "down SQL from the file";
            case "history" -> "down SQL stored in the history table at apply time";
            case "empty" -> "empty down: nothing to undo";
            case "computed" -> "down SQL computed by Cairn at apply time from the schema before and after it";
            default -> "no down script: cannot be rolled back";
        };
        return "  " + p.script() + "  (batch " + p.batch() + ", " + source + ")" + notRestored(p);
    }

    /**
     * For a computed down: that it restores the schema and not data, and which dropped columns and
     * tables come back empty.
     */
    private static String notRestored(dev.cairn.engine.RollbackRequest.Planned p) {
        if (!p.computed()) {
            return "";
        }
        return "\n    warning: a computed down restores the schema, not data"
                + (p.notRestored().isEmpty() ? "" : ": " + String.join(", ", p.notRestored())
                + (p.notRestored().size() == 1 ? " comes" : " come") + " back empty")
                + (p.dropsData().isEmpty() ? "" : "; it drops the data of " + String.join(", ", p.dropsData()));
    }

    /** {@code rollback --dry-run}: the plan, newest first, each with its down SQL. */
    public static void rollbackDryRun(Console c, java.util.List<dev.cairn.engine.RollbackRequest.Planned> plan) {
        if (plan.isEmpty()) {
            c.out("-- dry run: nothing to roll back");
            return;
        }
        long blocked = plan.stream().filter(p -> !p.runnable()).count();
        c.out("-- dry run: would roll back " + plan.size() + (plan.size() == 1 ? " migration" : " migrations")
                + ", newest first; nothing is changed");
        for (var p : plan) {
            c.out("");
            c.out("--" + rollbackLine(p).substring(1).replace("\n    ", "\n--   "));
            if (!p.sql().isEmpty()) {
                c.out(p.sql());
            }
        }
        if (blocked > 0) {
            c.out("");
            c.out("-- " + blocked + (blocked == 1 ? " migration has" : " migrations have") + " no down script:"
                    + " this rollback would be refused (exit 4)");
        }
    }

    public static void dryRun(Console c, DryRun d) {
        if (d.migrations().isEmpty()) {
            c.out("-- dry run: nothing pending; the database is up to date");
            return;
        }
        c.out("-- dry run: " + d.migrations().size() + " pending migration(s); nothing is changed");
        for (DryRun.Planned p : d.migrations()) {
            c.out("");
            c.out("-- " + p.script() + (p.transactional() ? " (in a transaction)"
                    : " (without a transaction: " + p.noTransactionReason() + ")"));
            for (var s : p.statements()) {
                c.out("-- " + p.file() + ":" + s.line());
                c.out(s.sql());
            }
        }
    }
}
