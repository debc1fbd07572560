package dev.cairn.cli.command;

import dev.cairn.cli.ConfirmOptions;
import dev.cairn.cli.Confirmation;
import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.config.LockMode;
import dev.cairn.dialect.Lease;
import dev.cairn.dialect.LockSession;
import dev.cairn.engine.UnlockRequest;
import dev.cairn.engine.UnlockResult;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn unlock}: shows who holds the migration lock and clears it. */
@Command(name = "unlock", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Clear a stale migration lock, after showing who holds it and asking.",
                "With --lock-mode table: the lease row in <table>_lock (holder, acquired, expires) is deleted if it"
                        + " has expired; a live lease (its runner still renews it) only with --force.",
                "With the advisory lock (the default): the session holding it (pid, application_name, client"
                        + " address, since, what it is doing) and the other sessions of the same runner are ended"
                        + " with pg_terminate_backend; the server releases the lock and rolls back a migration in"
                        + " progress."},
        footer = {"", "Examples:",
                "  cairn unlock                               who holds the lock; y/N to end it",
                "  cairn unlock --lock-mode table --yes       delete an expired lease",
                "  cairn unlock --lock-mode table --force     delete a live lease too (its",
                "                                             runner stops before its next one)",
                "  cairn unlock --json --yes",
                "", "Without a terminal (CI, scripts) --yes is required.",
                "", "Exit codes: 0 cleared or nothing held, 1 database error, 6 not confirmed, or a live lease"
                + " without --force (nothing cleared)."})
public final class UnlockCommand extends DatabaseCommand {

    @Option(names = "--force", description = "Table mode: clear the lease even if it has not expired yet.")
    boolean force;

    @Mixin
    ConfirmOptions confirm;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    public UnlockCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        Confirmation confirmation = new Confirmation(console, confirm, settings());
        return withCairn(new Progress(console, true), cairn -> {
            UnlockResult r = cairn.unlock(new UnlockRequest(force, held -> {
                show(held);
                confirmation.require("clear the lock held by " + holder(held),
                        cairn.configuration().connection().database());
                return true;
            }));
            console.out(json ? Json.write(document(r)) : outcome(r));
            return 0;
        });
    }

    private void show(UnlockResult held) {
        if (held.mode() == LockMode.TABLE) {
            console.err("the migration lock (lease in " + held.lock() + ") is held by:");
            console.err("  " + held.lease().orElseThrow().describe());
            return;
        }
        console.err("the " + held.lock() + " is held by the session:");
        console.err("  " + held.sessions().get(0).describe());
        if (held.sessions().size() > 1) {
            console.err("other sessions of the same runner, ended first:");
            held.sessions().subList(1, held.sessions().size()).forEach(s -> console.err("  " + s.describe()));
        }
    }

    private static String holder(UnlockResult held) {
        if (held.mode() == LockMode.TABLE) {
            Lease l = held.lease().orElseThrow();
            return "pid " + l.pid() + " on " + l.host();
        }
        LockSession s = held.sessions().get(0);
        int others = held.sessions().size() - 1;
        return "pid " + s.pid() + " (" + s.applicationName() + ") by ending its session"
                + (others == 0 ? "" : " and " + others + " other" + (others == 1 ? "" : "s") + " of the same runner");
    }

    private static String outcome(UnlockResult r) {
        if (!r.held()) {
            return "no migration lock is held on " + r.database() + " ("
                    + (r.mode() == LockMode.TABLE ? "no lease in " + r.lock() : r.lock()) + ")";
        }
        if (r.mode() == LockMode.TABLE) {
            return "cleared the lease held by " + holder(r);
        }
        int others = r.sessions().size() - 1;
        return "ended pid " + r.sessions().get(0).pid() + (others == 0 ? "" : " and " + others + " other session"
                + (others == 1 ? "" : "s") + " of its runner") + "; the server released the " + r.lock();
    }

    private static Map<String, Object> document(UnlockResult r) {
        return Json.map("database", r.database(), "mode", r.mode().label(), "lock", r.lock(), "held", r.held(),
                "cleared", r.cleared(),
                "lease", r.lease().map(l -> Json.map("host", l.host(), "pid", l.pid(),
                        "applicationName", l.applicationName(), "acquiredAt", l.acquiredAt().toString(),
                        "renewedAt", l.renewedAt().toString(), "expiresAt", l.expiresAt().toString(),
                        "live", l.live())).orElse(null),
                "sessions", r.sessions().stream().map(s -> Json.map("pid", s.pid(),
                        "applicationName", s.applicationName(), "clientAddress", s.clientAddress(),
                        "since", s.since().toString(), "state", s.state(), "query", s.query())).toList());
    }
}
