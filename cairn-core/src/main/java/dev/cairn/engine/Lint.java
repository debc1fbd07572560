package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.dialect.Copy;
import dev.cairn.dialect.Dialect;
import dev.cairn.dialect.postgres.PgProbe;
import dev.cairn.history.History;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.lint.LintOptions;
import dev.cairn.lint.LintResult;
import dev.cairn.lint.LintScript;
import dev.cairn.lint.Linter;
import dev.cairn.lint.Observation;
import dev.cairn.lint.Observations;
import dev.cairn.migration.Migration;
import dev.cairn.sql.SqlStatement;
import dev.cairn.sql.TransactionControl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Lints the pending migrations with what PostgreSQL does: the applied migrations are replayed from
 * the history on a scratch database (as {@code drift} does), then each pending statement runs there
 * in a transaction of its own while its locks, rewrites and validation scans are recorded; the
 * tables it touched are sized from the target's catalog. The target is only read; the scratch
 * database is always dropped.
 */
public final class Lint {

    private final Configuration config;
    /** Empty for the static rules only. */
    private final java.util.Optional<DatabaseUrl> scratchServer;
    private final String applicationName;
    private final LintOptions options;
    private final boolean observe;

    public Lint(Configuration config, DatabaseUrl scratchServer, String applicationName, LintOptions options) {
        this.config = config;
        this.scratchServer = java.util.Optional.of(scratchServer);
        this.applicationName = applicationName;
        this.options = options;
        this.observe = true;
    }

    /**
     * The static rules only, on the pending migrations (no scratch database): every file is read for
     * the state, the findings of the pending ones are kept; what {@code migrate} checks before applying.
     */
    public Lint(Configuration config, LintOptions options) {
        this.config = config;
        this.scratchServer = java.util.Optional.empty();
        this.applicationName = "";
        this.options = options;
        this.observe = false;
    }

    private LintResult pendingOnly(List<Migration> files, List<Migration> pending) {
        if (pending.isEmpty()) {
            // migrate's gate runs this on every run: a no-op splits no file.
            return new LintResult(List.of(), List.of(), 0, 0, false);
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        pending.forEach(m -> names.add(m.up().name()));
        return only(Linter.lint(scripts(files), options), names, pending.size());
    }

    /** Static rules only, on migrations read from files: no database. */
    public static LintResult files(List<Migration> migrations, LintOptions options) {
        return Linter.lint(scripts(migrations), options);
    }

    /**
     * Static rules only, on the migrations read from files and on {@code others} (files that are no
     * migration), after them: every script is read for the state, the findings kept for the scripts
     * whose file is in {@code shown}.
     */
    public static LintResult files(List<Migration> migrations, List<LintScript> others, java.util.Set<String> shown,
                                   LintOptions options) {
        List<LintScript> scripts = new java.util.ArrayList<>(scripts(migrations));
        scripts.addAll(others);
        return only(Linter.lint(scripts, options), shown, shown.size());
    }

    /** The findings and unused ignores of the scripts named, counted as {@code count} scripts. */
    private static LintResult only(LintResult all, java.util.Set<String> names, int count) {
        return new LintResult(all.findings().stream().filter(f -> names.contains(f.file())).toList(),
                all.unused().stream().filter(u -> LintResult.unusedIn(u, names)).toList(), count,
                all.statements(), false);
    }

    /** Observed: the pending statements run on a scratch database. */
    public LintResult run() {
        return Discover.opening(config, Discover::valid, Session::rows, this::run);
    }

    /** {@link #run()} on a session already open; its owner closes it. */
    LintResult run(Session db) {
        return Discover.on(db, config, Discover::valid, Session::rows, this::run);
    }

    /** On an open session, with the files and the history already read (what migrate's lint gate has). */
    LintResult run(Session db, List<Migration> files, List<dev.cairn.history.HistoryRow> rows) {
        try {
            List<Migration> pending = waiting(new Ledger(files, rows));
            if (!observe) {
                return pendingOnly(files, pending);
            }
            if (pending.isEmpty()) {
                // migrate's gate runs this on every run: a no-op reads no recorded script and no size.
                return new LintResult(List.of(), List.of(), 0, 0, true);
            }
            List<History.AppliedScript> applied = db.historyExists()
                    ? db.history.appliedScripts(db.connection) : List.of();
            Map<String, Observation> seen = observe(applied, pending);
            TreeSet<String> tables = new TreeSet<>();
            seen.values().forEach(o -> o.locks().forEach(l -> tables.add(l.relation())));
            Map<String, Observations.Size> sizes = PgProbe.sizes(db.connection, tables);
            if (!db.connection.getAutoCommit()) {
                db.connection.rollback();
            }
            return new Linter(options, new Observations(seen, sizes)).run(scripts(pending), true);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the history and the tables' sizes", e);
        }
    }

    /** Every pending statement run on a scratch database built from the applied migrations. */
    private Map<String, Observation> observe(List<History.AppliedScript> applied, List<Migration> pending) {
        Map<String, Observation> out = new LinkedHashMap<>();
        try (ScratchSession scratch = ScratchSession.replayed(scratchServer.orElseThrow(), applicationName, applied)) {
            Connection c = scratch.connection;
            Dialect dialect = scratch.dialect;
            int major = scratch.major;
            PgProbe probe = PgProbe.start(c);
            fastCommits(c);
            for (Migration m : pending) {
                ScriptPlan plan = ScriptPlan.of(m.up(), m.transaction(), dialect, major);
                for (SqlStatement st : plan.statements()) {
                    if (st.isEmpty() || TransactionControl.of(st) != TransactionControl.Kind.NONE) {
                        continue;
                    }
                    if (st.isCopyFromStdin() || !dialect.nonTransactionalReason(st, major).isEmpty()) {
                        // Cannot run in a transaction (CONCURRENTLY, VACUUM): run it so later statements see it.
                        try {
                            runPlain(c, dialect, st);
                        } catch (SQLException e) {
                            out.put(Observations.key(m.up().name(), st.line()), new Observation(List.of(), List.of(),
                                    List.of(), Jdbc.error(e).describe()));
                            return out;
                        }
                        continue;
                    }
                    Observation o = probe.run(st);
                    out.put(Observations.key(m.up().name(), st.line()), o);
                    if (!o.failure().isEmpty()) {
                        return out;
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("RESET ALL");
                }
                fastCommits(c);
            }
        } catch (SQLException e) {
            throw Jdbc.failed("cannot lint on the scratch database", e);
        }
        return out;
    }

    /** The scratch database is thrown away: its commits need not wait for the disk. */
    private static void fastCommits(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
        }
    }

    private static void runPlain(Connection c, Dialect dialect, SqlStatement st) throws SQLException {
        if (st.isCopyFromStdin()) {
            dialect.require(Copy.class, "COPY ... FROM STDIN").copyIn(c, st.sql(), st.copyData());
        } else {
            try (Statement s = c.createStatement()) {
                s.execute(st.sql());
            }
        }
    }

    /**
     * Every migration not applied yet (pending, out of order or failed, repeatables that changed), in
     * order. Unlike {@link Pending#select} this refuses nothing: {@code migrate} says itself what it
     * will not run (or runs it with --out-of-order, --rerun-modified); lint looks at all of them.
     */
    private static List<Migration> waiting(Ledger ledger) {
        return ledger.entries().stream().filter(e -> e.migration().isPresent())
                .filter(e -> e.state() == State.PENDING || e.state() == State.OUT_OF_ORDER || e.state() == State.FAILED
                        || e.state() == State.MODIFIED && e.migration().get().kind() == Migration.Kind.REPEATABLE)
                .map(e -> e.migration().get()).toList();
    }

    static List<LintScript> scripts(List<Migration> migrations) {
        return migrations.stream().map(m -> new LintScript(m.up().name(), m.version().text(), m.up(), m.down(),
                m.down().isPresent())).toList();
    }
}
