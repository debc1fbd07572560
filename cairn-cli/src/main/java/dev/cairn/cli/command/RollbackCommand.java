package dev.cairn.cli.command;

import dev.cairn.cli.Console;
import dev.cairn.cli.Context;
import dev.cairn.cli.DatabaseCommand;
import dev.cairn.cli.Webhook;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Progress;
import dev.cairn.cli.render.Text;
import dev.cairn.engine.Reference;
import dev.cairn.engine.RollbackRequest;
import dev.cairn.engine.RollbackResult;
import dev.cairn.cli.ConfirmOptions;
import dev.cairn.cli.Confirmation;
import dev.cairn.cli.NotifyOptions;
import dev.cairn.cli.Settings;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn rollback}: undoes applied migrations, newest first. */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Undo applied migrations, newest first, each down script in its own transaction; their"
                + " history rows are marked ROLLED_BACK. By default the last batch (the last migrate run that"
                + " applied something). The down SQL stored at apply time is used when the file is gone or"
                + " changed; for a migration that had none (drizzle-kit, Flyway V without U), the down Cairn"
                + " computed when it applied it."},
        footer = {"", "Examples:",
                "  cairn rollback                 the last batch (asks y/N on a terminal)",
                "  cairn rollback --steps 2 --yes",
                "  cairn rollback --to 003        everything above version 003",
                "  cairn rollback --to 003_add_users.sql   the same, by file name",
                "  cairn rollback --all --yes",
                "  cairn rollback --dry-run        what would be undone, with each down script",
                "  cairn rollback --only 003 --yes just 003 (--force if newer ones are applied)",
                "", "Without a terminal (CI, scripts) --yes is required.",
                "", "Exit codes: 0 ok, 1 a down script failed, 2 an unknown or ambiguous --to/--only, 4 a"
                + " migration in the set has no down script (nothing touched), 5 lock timeout, 6 not confirmed."})
public final class RollbackCommand extends DatabaseCommand {

    @ArgGroup(exclusive = true)
    Which which = new Which();

    static final class Which {
        @Option(names = "--steps", paramLabel = "N", description = "The newest N applied migrations.")
        Integer steps;

        @Option(names = "--to", paramLabel = "MIGRATION", description = "Every applied migration above MIGRATION,"
                + " given by its version (003), file name (003_add_users or 003_add_users.sql) or name (add_users).")
        String to;

        @Option(names = "--batch", paramLabel = "B", description = "The migrations of batch B.")
        Integer batch;

        @Option(names = "--all", description = "Every applied migration.")
        boolean all;

        @Option(names = "--only", paramLabel = "VERSION|NAME", description = "Just this applied migration, named by"
                + " its version (003) or file name (003_add_users); refused while newer ones are applied, unless"
                + " --force.")
        String only;
    }

    @Option(names = "--force", description = "With --only: roll it back even though newer migrations are applied.")
    boolean force;

    @Option(names = "--dry-run", description = "List what would be rolled back, newest first, with each down"
            + " script's source (file, history, computed, empty, missing) and its SQL; change nothing.")
    boolean dryRun;

    @Mixin
    ConfirmOptions confirm;

    @picocli.CommandLine.Mixin
    dev.cairn.cli.FanoutOptions fanout;

    @Option(names = "--json", description = "One JSON document on standard output.")
    boolean json;

    @Mixin
    NotifyOptions notify;

    public RollbackCommand(Context context, Console console) {
        super(context, console);
    }

    @Override
    public Integer call() {
        Settings settings = settings();
        Confirmation confirmation = new Confirmation(console, confirm, settings);
        if (fanningOut(fanout)) {
            if (dryRun) {
                throw dev.cairn.error.CairnException.usage("fanout.options", "--dry-run runs on one database, not in"
                        + " a fan-out; nothing was run");
            }
            RollbackRequest.Selection chosen = selection();
            // Confirmed once for the whole plan, before any target runs.
            return fanOut(fanout, "rollback", json, java.util.Optional.of(notify), java.util.Optional.of(confirm),
                    true, cairn -> {
                        RollbackResult r = cairn.rollback(new RollbackRequest(chosen, plan -> true));
                        return dev.cairn.cli.fanout.Fanout.Outcome.ok(r.nothingToDo() ? "nothing to roll back"
                                : "rolled back " + r.rolledBack().size());
                    });
        }
        if (dryRun) {
            Webhook.of(notify, settings, context, console); // checked, so a rehearsal finds a bad URL; not told
            return withCairn(new Progress(console, true), cairn -> {
                List<RollbackRequest.Planned> plan = cairn.rollbackDryRun(selection());
                if (json) {
                    console.out(Json.write(Json.rollbackDryRun(plan)));
                } else {
                    Text.rollbackDryRun(console, plan);
                }
                return 0;
            });
        }
        return withCairnNotifying("rollback", notify, new Progress(console, json), cairn -> {
            announceTarget(json);
            RollbackRequest request = new RollbackRequest(selection(), plan -> confirm(plan, confirmation, cairn));
            RollbackResult r = cairn.rollback(request);
            if (json) {
                console.out(Json.write(Json.rollback(r)));
            } else if (r.nothingToDo()) {
                console.out("nothing to roll back");
            } else {
                console.out("rolled back " + r.rolledBack().size()
                        + (r.rolledBack().size() == 1 ? " migration" : " migrations"));
            }
            return 0;
        });
    }

    private RollbackRequest.Selection selection() {
        if (which.steps != null) {
            return new RollbackRequest.Selection.Steps(which.steps);
        }
        if (which.to != null) {
            return new RollbackRequest.Selection.To(Reference.of(which.to));
        }
        if (which.batch != null) {
            return new RollbackRequest.Selection.Batch(which.batch);
        }
        if (which.only != null) {
            return new RollbackRequest.Selection.Only(which.only, force);
        }
        if (force) {
            throw dev.cairn.error.CairnException.usage("rollback.force", "--force goes with --only VERSION|NAME");
        }
        return which.all ? new RollbackRequest.Selection.All() : new RollbackRequest.Selection.LastBatch();
    }

    private boolean confirm(List<RollbackRequest.Planned> plan, Confirmation confirmation, dev.cairn.Cairn cairn) {
        if (console.interactive()) {
            console.err("about to roll back, newest first:");
            plan.forEach(p -> console.err(Text.rollbackLine(p)));
        }
        long computed = plan.stream().filter(RollbackRequest.Planned::computed).count();
        confirmation.require("roll back " + plan.size() + (plan.size() == 1 ? " migration" : " migrations")
                        + (computed == 0 ? "" : " (" + computed + " with a down computed at apply time, which restores"
                        + " the schema, not data)"), cairn.configuration().connection().database());
        return true;
    }
}
