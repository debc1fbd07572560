package dev.cairn.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cairn.engine.DryRun;
import dev.cairn.engine.MigrateResult;
import dev.cairn.engine.RollbackResult;
import dev.cairn.engine.StatusResult;
import dev.cairn.engine.ValidateResult;
import dev.cairn.migration.Problem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code --json} documents: one per command on standard output, with the stable field names
 * the README documents. Built from maps so the shape is visible here, field by field.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    private static final ObjectMapper LINES = new ObjectMapper();

    /** One document on one line, for {@code --log-format json}. */
    public static String line(Object document) {
        try {
            return LINES.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
    }

    /**
     * One {@code --log-format json} line's fields: {@code time} (ISO-8601 UTC), {@code level}
     * ({@code info}, {@code warn}, {@code error}) and {@code msg} (the text line a person would read),
     * as log pipelines expect them, then {@code fields}.
     */
    public static Map<String, Object> logEvent(Instant time, String level, String msg, Map<String, Object> fields) {
        Map<String, Object> m = map("time", time.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString(),
                "level", level, "msg", msg);
        m.putAll(fields);
        return m;
    }

    /** An event as a log line: {@link #event} with its time, level and message. */
    public static Map<String, Object> logEvent(dev.cairn.engine.Event e, Instant time) {
        String level = e instanceof dev.cairn.engine.Event.LockWaiting || e instanceof dev.cairn.engine.Event.LockRetrying
                ? "warn" : "info";
        return logEvent(time, level, message(e), event(e));
    }

    private static String message(dev.cairn.engine.Event e) {
        if (e instanceof dev.cairn.engine.Event.MigrationApplied a) {
            return (a.applied().rerun() ? "re-applied " : "applied ") + a.applied().script() + " in "
                    + a.applied().duration().toMillis() + " ms";
        }
        if (e instanceof dev.cairn.engine.Event.MigrationStarting s) {
            return "applying " + s.script() + (s.transactional() ? "" : " without a transaction");
        }
        if (e instanceof dev.cairn.engine.Event.MigrationRolledBack r) {
            return "rolled back " + r.rolledBack().script() + " in " + r.rolledBack().duration().toMillis() + " ms";
        }
        if (e instanceof dev.cairn.engine.Event.SeedApplied s) {
            return "seeded " + s.name() + " in " + s.duration().toMillis() + " ms";
        }
        if (e instanceof dev.cairn.engine.Event.HistoryCreated h) {
            return "created history table " + h.table();
        }
        if (e instanceof dev.cairn.engine.Event.LockModeChosen c) {
            return "lock mode " + c.mode() + ": " + CliHost.HOST.render(c.reason());
        }
        if (e instanceof dev.cairn.engine.Event.RunStarting r) {
            return "running " + r.scripts().size() + " scripts";
        }
        if (e instanceof dev.cairn.engine.Event.LockRetrying r) {
            return lockRetry(r);
        }
        if (e instanceof dev.cairn.engine.Event.BackupWritten b) {
            return "backup written to " + b.backup().file() + " (" + b.backup().bytes() + " bytes)";
        }
        if (e instanceof dev.cairn.engine.Event.DownComputed d) {
            return downComputed(d);
        }
        if (e instanceof dev.cairn.engine.Event.LockWaiting w) {
            return "waiting for the migration lock (" + w.waited().toSeconds() + "s), held by "
                    + w.holder().map(dev.cairn.dialect.LockHolder::describe).orElse("another session");
        }
        return e.getClass().getSimpleName();
    }

    /** {@code computed a down for 0001_add.sql (rollback uses it)}, or why none was stored. */
    public static String downComputed(dev.cairn.engine.Event.DownComputed d) {
        if (d.stored()) {
            return "computed a down for " + d.script() + " (it has none; rollback uses it)";
        }
        return (d.script().isEmpty() ? "" : d.script() + ": ") + d.why();
    }

    /**
     * {@code 002_add.sql waited 5s for a lock held by pid 4242 (psql): LOCK TABLE t; rolled back, retry 1 of 3 in 1s}:
     * the text line of a lock-wait retry, for the terminal and the log's {@code msg}.
     */
    public static String lockRetry(dev.cairn.engine.Event.LockRetrying r) {
        long ms = r.lockTimeout().toMillis();
        return r.script() + " waited " + (ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms") + " for a lock held by "
                + (r.blockers().isEmpty() ? "a session not seen"
                : String.join("; ", r.blockers().stream().map(dev.cairn.dialect.Blocker::describe).toList()))
                + "; rolled back, retry " + r.attempt() + " of " + r.retries() + " in " + r.backOff().toMillis() + "ms";
    }

    /** The structured form of an event: {@code event} names it, the rest describes it. */
    public static Map<String, Object> event(dev.cairn.engine.Event e) {
        if (e instanceof dev.cairn.engine.Event.MigrationApplied a) {
            var m = a.applied();
            return map("event", "migration_applied", "version", m.version(), "script", m.script(),
                    "durationMs", m.duration().toMillis(), "checksum", m.checksum(), "batch", m.batch(),
                    "transactional", m.transactional(), "rerun", m.rerun());
        }
        if (e instanceof dev.cairn.engine.Event.MigrationStarting s) {
            return map("event", "migration_starting", "version", s.version(), "script", s.script(),
                    "transactional", s.transactional());
        }
        if (e instanceof dev.cairn.engine.Event.MigrationRolledBack r) {
            var b = r.rolledBack();
            return map("event", "migration_rolled_back", "version", b.version(), "script", b.script(),
                    "durationMs", b.duration().toMillis(), "batch", b.batch(), "downSource", b.downSource());
        }
        if (e instanceof dev.cairn.engine.Event.SeedApplied s) {
            return map("event", "seed_applied", "script", s.name(), "durationMs", s.duration().toMillis());
        }
        if (e instanceof dev.cairn.engine.Event.BackupWritten b) {
            return map("event", "backup_written", "file", b.backup().file().toString(), "bytes", b.backup().bytes(),
                    "durationMs", b.backup().duration().toMillis());
        }
        if (e instanceof dev.cairn.engine.Event.HistoryCreated h) {
            return map("event", "history_created", "table", h.table());
        }
        if (e instanceof dev.cairn.engine.Event.LockModeChosen c) {
            return map("event", "lock_mode_chosen", "mode", c.mode(), "reason", CliHost.HOST.render(c.reason()));
        }
        if (e instanceof dev.cairn.engine.Event.RunStarting r) {
            return map("event", "run_starting", "scripts", r.scripts());
        }
        if (e instanceof dev.cairn.engine.Event.LockRetrying r) {
            return map("event", "lock_retrying", "version", r.version(), "script", r.script(), "attempt", r.attempt(),
                    "retries", r.retries(), "lockTimeoutMs", r.lockTimeout().toMillis(), "backOffMs",
                    r.backOff().toMillis(), "blockers", r.blockers().stream().map(b -> map("pid", b.pid(),
                            "applicationName", b.applicationName(), "query", b.query())).toList());
        }
        if (e instanceof dev.cairn.engine.Event.DownComputed d) {
            return map("event", "down_computed", "version", d.version(), "script", d.script(), "stored", d.stored(),
                    "reason", d.why());
        }
        if (e instanceof dev.cairn.engine.Event.LockWaiting w) {
            return map("event", "lock_waiting", "waitedMs", w.waited().toMillis(),
                    "holder", w.holder().map(dev.cairn.dialect.LockHolder::describe).orElse(null));
        }
        // An event added to the engine and not described here yet: named rather than a ClassCastException.
        return map("event", e.getClass().getSimpleName());
    }

    public static String write(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers always serialise", e);
        }
    }

    public static Map<String, Object> migrate(MigrateResult r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("database", r.database());
        doc.put("upToDate", r.upToDate());
        doc.put("batch", r.batch());
        doc.put("applied", r.applied().stream().map(a -> map(
                "version", a.version(), "description", a.description(), "script", a.script(),
                "durationMs", a.duration().toMillis(), "transactional", a.transactional(),
                "statements", a.statements(), "checksum", a.checksum(), "rerun", a.rerun())).toList());
        return doc;
    }

    public static Map<String, Object> dryRun(DryRun d) {
        return map("dryRun", true, "migrations", d.migrations().stream().map(p -> map(
                "version", p.version(), "script", p.script(), "file", p.file(), "transactional", p.transactional(),
                "statements", p.statements().stream().map(s -> map("line", s.line(), "sql", s.sql())).toList()))
                .toList());
    }

    /** The {@code status --json} document: {@link dev.cairn.engine.StatusDocument}, shared with the other hosts. */
    public static Map<String, Object> status(StatusResult s) {
        return dev.cairn.engine.StatusDocument.of(s, CliHost.HOST);
    }

    public static Map<String, Object> validate(ValidateResult v) {
        return map("valid", v.valid(), "migrations", v.migrations(), "problems", problems(v.problems()));
    }

    public static Map<String, Object> rollback(RollbackResult r) {
        return map("rolledBack", r.rolledBack().stream().map(b -> map("version", b.version(), "script", b.script(),
                "batch", b.batch(), "durationMs", b.duration().toMillis(), "downSource", b.downSource())).toList());
    }

    public static Map<String, Object> importResult(dev.cairn.engine.Import.Result r) {
        return map("from", r.from(), "table", r.table(), "dryRun", r.dryRun(),
                "imported", r.imported().stream().map(i -> map("version", i.version(), "script", i.script(),
                        "appliedAt", time(i.appliedAt()), "batch", i.batch())).toList(),
                "skipped", r.skipped(), "problems", r.problems(CliHost.HOST));
    }

    public static Map<String, Object> rollbackDryRun(List<dev.cairn.engine.RollbackRequest.Planned> plan) {
        return map("dryRun", true, "rollback", plan.stream().map(p -> map("version", p.version(), "script",
                p.script(), "batch", p.batch(), "downSource", p.downSource(), "sql", p.sql())).toList());
    }

    private static List<Map<String, Object>> problems(List<Problem> problems) {
        return dev.cairn.engine.StatusDocument.problems(problems, CliHost.HOST);
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }

    /** An ordered map from alternating keys and values; null values are kept as JSON null. */
    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
