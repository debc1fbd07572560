package dev.cairn.cli;

import dev.cairn.Cairn;
import dev.cairn.cli.render.Json;
import dev.cairn.cli.render.Notification;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.engine.Listener;
import dev.cairn.error.CairnException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/**
 * What every command that talks to a database shares: the common options, settings
 * resolution, the embedded fallback and its notice.
 */
public abstract class DatabaseCommand implements Callable<Integer> {

    @Mixin
    protected CommonOptions options;

    protected final Context context;
    protected final Console console;
    private Settings settings;
    private String target = "";
    private String database = "";

    protected DatabaseCommand(Context context, Console console) {
        this.context = context;
        this.console = console;
    }

    public boolean verbose() {
        return options != null && options.verbose;
    }

    /** Runs the command against the configured database, or the embedded one when none is configured. */
    protected int withCairn(Listener listener, Function<Cairn, Integer> body) {
        logFormat();
        Settings settings = settings();
        Optional<String> url = settings.url();
        if (url.isPresent() && options.embedded) {
            throw CairnException.usage("config.embedded", "--embedded asks for the embedded PostgreSQL, but a database"
                    + " URL is configured (" + settings.urlSource() + "); drop --embedded to use that database, or"
                    + " unset the URL");
        }
        if (url.isPresent()) {
            Cairn cairn = settings.builder(listener, Optional.empty()).load();
            target = DatabaseUrl.parse(url.get()).target();
            database = DatabaseUrl.parse(url.get()).database();
            return body.apply(cairn);
        }
        if (settings.protectedEnvironment()) {
            throw CairnException.usage("config.no-url", "no database configured for the protected environment '"
                    + settings.environment() + "'; set --url, $DATABASE_URL or [env." + settings.environment()
                    + "] url in cairn.toml (the embedded PostgreSQL is never used there)");
        }
        if (context.ci() && !options.embedded) {
            throw CairnException.usage("config.no-url", "no database configured: set DATABASE_URL (or --url); the"
                    + " embedded PostgreSQL is for local use (--embedded to use it anyway)");
        }
        console.err(Embedded.NOTICE);
        try (Embedded embedded = Embedded.start(context.cwd())) {
            Cairn cairn = settings.builder(listener, Optional.of(embedded.url())).load();
            target = DatabaseUrl.parse(embedded.url()).target();
            database = DatabaseUrl.parse(embedded.url()).database();
            return body.apply(cairn);
        }
    }

    private void logFormat() {
        String format = options.logFormat != null ? options.logFormat : context.env("CAIRN_LOG_FORMAT");
        if (!format.isEmpty() && !format.equals("text") && !format.equals("json")) {
            throw CairnException.usage("cli.log-format", "--log-format must be text or json, not '" + format + "'");
        }
        console.jsonLog(format.equals("json"));
    }

    /** Whether the command runs as a fan-out (--targets, --schemas-query, or targets in cairn.toml). */
    protected boolean fanningOut(FanoutOptions fanout) {
        return FanoutRun.requested(fanout, settings());
    }

    /**
     * Runs {@code operation} on every target of the fan-out and renders the results; {@code notify} and
     * {@code confirm} (destructive commands) apply once to the whole run; with {@code validFiles} bad
     * migration files stop it before any target runs.
     */
    protected int fanOut(FanoutOptions fanout, String command, boolean json, Optional<NotifyOptions> notify,
                         Optional<ConfirmOptions> confirm, boolean validFiles,
                         dev.cairn.cli.fanout.Fanout.Operation operation) {
        logFormat();
        return new FanoutRun(context, console, settings(), fanout).run(new FanoutRun.Request(command, json, notify,
                confirm, validFiles), operation);
    }

    /**
     * {@link #withCairn}, then the webhooks told how it ended ({@code --notify}, {@code [notify]}). The
     * URLs are checked before anything runs; the exit code and any error are the run's, whatever the
     * webhooks do.
     */
    protected int withCairnNotifying(String command, NotifyOptions notify, Listener listener,
                                     Function<Cairn, Integer> body) {
        Webhook webhook = Webhook.of(notify, settings(), context, console);
        if (webhook.urls().isEmpty()) {
            return withCairn(listener, body);
        }
        Notification notification = new Notification(listener);
        long start = System.nanoTime();
        int code;
        try {
            code = withCairn(notification, body);
        } catch (RuntimeException e) {
            if (webhook.wants(false)) {
                webhook.send(notification.failed(run(command), e, console, Duration.ofNanos(System.nanoTime() - start)),
                        console);
            }
            throw e;
        }
        if (webhook.wants(code == 0)) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            webhook.send(notification.succeeded(run(command), took), console);
        }
        return code;
    }

    private Notification.Run run(String command) {
        return new Notification.Run(command, database, target, settings().environment(), context.hostName());
    }

    /**
     * Says which database the command is about to change, before it changes anything:
     * {@code target: user@host:port/database} (never the password). On standard output in text
     * mode; with {@code --json} on standard error (a JSON event with {@code --log-format json}), so
     * standard output stays one document.
     */
    protected void announceTarget(boolean json) {
        if (!json) {
            console.out("target: " + target);
        } else if (console.jsonLog()) {
            console.err(Json.line(Json.map("event", "target", "target", target)));
        } else {
            console.err("target: " + target);
        }
    }

    /**
     * Takes {@code --table} for the command's own meaning ({@code import}: the other tool's table);
     * Cairn's history table then comes from {@code $CAIRN_TABLE} or {@code cairn.toml}.
     */
    protected java.util.Optional<String> takeTableOption() {
        String table = options.table;
        options.table = null;
        settings = null;
        return java.util.Optional.ofNullable(table);
    }

    /** The run's settings, read once. */
    protected Settings settings() {
        if (settings == null) {
            settings = new Settings(context, console, options);
        }
        return settings;
    }
}
