package dev.cairn.cli;

import dev.cairn.Cairn;
import dev.cairn.cli.fanout.Fanout;
import dev.cairn.cli.fanout.Target;
import dev.cairn.cli.fanout.TargetResult;
import dev.cairn.cli.fanout.TargetsFile;
import dev.cairn.cli.render.CliHost;
import dev.cairn.cli.render.FanoutReport;
import dev.cairn.cli.render.Json;
import dev.cairn.engine.Listener;
import dev.cairn.error.CairnException;
import dev.cairn.migration.Preloaded;
import dev.cairn.toml.ConfigFile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command run as a fan-out ({@code --targets}, {@code --schemas-query}, or targets in cairn.toml):
 * resolves the targets and checks them before anything runs, reads the migration files once, asks
 * once for destructive work, runs the targets in parallel, renders their results and tells the webhooks
 * once for the whole run.
 */
final class FanoutRun {

    /** What a command asks of its fan-out. */
    record Request(String command, boolean json, Optional<NotifyOptions> webhooks, Optional<ConfirmOptions> confirm,
                   boolean validFiles) {
    }

    private final Context context;
    private final Console console;
    private final Settings settings;
    private final FanoutOptions options;

    FanoutRun(Context context, Console console, Settings settings, FanoutOptions options) {
        this.context = context;
        this.console = console;
        this.settings = settings;
        this.options = options;
    }

    /** Whether the command fans out; --parallel or --fail-fast without targets is a usage error. */
    static boolean requested(FanoutOptions o, Settings settings) {
        if (o == null) {
            return false;
        }
        ConfigFile.Targets configured = settings.configuredTargets();
        boolean on = o.targets != null || o.schemasQuery != null
                || !settings.urlFlag() && (!configured.urls().isEmpty() || configured.file().isPresent());
        if (!on && (o.parallel != null || o.failFast)) {
            throw CairnException.usage("fanout.options", (o.parallel != null ? "--parallel" : "--fail-fast")
                    + " goes with a fan-out: --targets FILE, --schemas-query SQL, or targets in cairn.toml");
        }
        return on;
    }

    int run(Request request, Fanout.Operation operation) {
        int parallel = options.parallel == null ? FanoutOptions.DEFAULT_PARALLEL : options.parallel;
        if (parallel < 1) {
            throw CairnException.usage("fanout.parallel", "--parallel " + parallel + ": give how many targets run at"
                    + " once, 1 or more (default " + FanoutOptions.DEFAULT_PARALLEL + ")");
        }
        Optional<Webhook> webhook = request.webhooks().map(n -> Webhook.of(n, settings, context, console))
                .filter(w -> !w.urls().isEmpty());
        long asked = System.nanoTime();
        List<Target> targets;
        Preloaded files;
        try {
            targets = targets();
            files = settings.builder(targets.get(0).url(), Listener.NONE).load().preload();
            if (request.validFiles()) {
                files.discovery().requireValid();
            }
            List<Target> all = targets;
            request.confirm().ifPresent(c -> confirm(c, request.command(), all));
        } catch (CairnException e) {
            // Refused before any target ran (a bad targets file, invalid migrations, not confirmed):
            // still a failed run for whoever watches the webhook.
            webhook.filter(w -> w.wants(false)).ifPresent(w -> w.send(FanoutReport.notRun(request.command(),
                    settings.environment(), context.hostName(), e.code(), e.exitCode(),
                    console.redact(CliHost.message(e)), Duration.ofNanos(System.nanoTime() - asked)), console));
            throw e;
        }
        long start = System.nanoTime();
        List<TargetResult> results = new Fanout(console, parallel, options.failFast).run(targets,
                (t, listener) -> cairn(t, listener, files), operation, r -> finished(r, request.json()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        render(request, results, took);
        int code = Fanout.exitCode(results);
        webhook.filter(w -> w.wants(code == 0)).ifPresent(w -> w.send(FanoutReport.notification(request.command(),
                settings.environment(), context.hostName(), results, took), console));
        return code;
    }

    private Cairn cairn(Target t, Listener listener, Preloaded files) {
        Cairn.Builder b = settings.builder(t.url(), listener).preloaded(files);
        t.schema().ifPresent(b::schema);
        return b.load();
    }

    /** The targets, all checked before anything runs. */
    private List<Target> targets() {
        if (options.targets != null && options.schemasQuery != null) {
            throw CairnException.usage("fanout.options", "--targets and --schemas-query both choose the targets;"
                    + " give one");
        }
        if (options.targets != null) {
            return TargetsFile.read(context.resolve(options.targets), options.targets);
        }
        if (options.schemasQuery != null) {
            String url = settings.url().orElseThrow(() -> CairnException.usage("config.no-url", "--schemas-query runs"
                    + " in the configured database, and none is configured; set --url, $DATABASE_URL or 'url' in"
                    + " cairn.toml"));
            List<String> schemas = settings.builder(url, Listener.NONE).load().schemas(options.schemasQuery);
            return TargetsFile.schemas(url, schemas);
        }
        ConfigFile.Targets configured = settings.configuredTargets();
        if (configured.file().isPresent()) {
            return TargetsFile.read(java.nio.file.Path.of(configured.file().get()), configured.file().get());
        }
        List<String> where = new ArrayList<>();
        for (int i = 0; i < configured.urls().size(); i++) {
            where.add(configured.where() + " targets[" + (i + 1) + "]");
        }
        return TargetsFile.of(configured.urls(), where);
    }

    private void finished(TargetResult r, boolean json) {
        if (console.jsonLog()) {
            console.err(Json.line(Json.logEvent(Instant.now(), r.status() == TargetResult.Status.FAILED ? "error"
                    : "info", FanoutReport.line(r).strip(), Json.map("event", "target_finished", "target",
                    r.target().label(), "status", r.status().label(), "applied", r.applied().size(), "durationMs",
                    r.duration().toMillis(), "exitCode", r.exitCode(), "error", r.error().isEmpty() ? null : r.error()))));
        }
        if (!json) {
            console.out(FanoutReport.line(r));
        }
    }

    private void render(Request request, List<TargetResult> results, Duration took) {
        if (request.json()) {
            console.out(Json.write(FanoutReport.json(results, took)));
            return;
        }
        results.stream().filter(r -> r.status() == TargetResult.Status.SKIPPED)
                .forEach(r -> console.out(FanoutReport.line(r)));
        console.out(FanoutReport.summary(request.command(), results, took));
        List<String> failures = FanoutReport.failures(results);
        failures.forEach(console::out);
    }

    /**
     * Asks once for the whole plan, listing the targets: y/N, or {@code --yes}; in a protected environment
     * the number of targets typed, or {@code --yes --confirm N}.
     */
    private void confirm(ConfirmOptions c, String command, List<Target> targets) {
        String what = command + " on " + targets.size() + (targets.size() == 1 ? " target" : " targets");
        if (!console.jsonLog()) {
            console.err("about to " + what + ":");
            targets.forEach(t -> console.err("  " + t.label()));
        }
        new Confirmation(console, c, settings).require(what, Confirmation.Typed.targets(targets.size()));
    }
}
