package dev.cairn.cli;

import dev.cairn.Cairn;
import dev.cairn.error.CairnException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cairn} command line: parses, calls {@link Cairn}, renders, and maps errors to exit codes. */
@Command(name = "cairn", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Database schema migrations for PostgreSQL.", "",
                "Applies each migration in its own transaction with its row in the history",
                "table. Reads the files a project already has, recognised one by one and never",
                "renamed:",
                "  dbmate          name.sql with -- migrate:up / -- migrate:down sections",
                "  golang-migrate  1_name.up.sql with 1_name.down.sql",
                "  numbered        001_name.sql with an optional 001_name_rollback.sql",
                "  forward/back    name.sql with -- FORWARD MIGRATION / -- ROLLBACK banners",
                "  dated           2025-01-17_1430_name.sql, down in comments after -- ROLLBACK:",
                "  drizzle-kit     0000_tag.sql listed in meta/_journal.json (no down)",
                "  Flyway          V1__name.sql, undo U1__name.sql, repeatable R__name.sql",
                "  diesel          2024-01-15-093000_name/ folders with up.sql and down.sql",
                "  goose           -- +goose Up / -- +goose Down sections",
                "  sql-migrate     -- +migrate Up / -- +migrate Down sections",
                "Files named in a cairn.toml ignore list (default COMBINED_* and *deprecated*),",
                "non-.sql files and meta/ folders are skipped and listed by 'cairn status'."},
        footer = {"", "Exit codes: 0 ok, 1 a migration or database operation failed, 2 usage/config/file error"
                + " (nothing touched), 3 pending migrations (status --check), 4 validation failed, 5 lock not"
                + " acquired in time, 6 refused (unconfirmed).", "",
                "Database: --url, $CAIRN_URL, $DATABASE_URL or cairn.toml; with none of them, an embedded"
                        + " PostgreSQL keeps its data in .cairn/ (not in CI=true or a protected environment;"
                        + " --embedded to use it in CI).", "",
                "Run 'cairn help COMMAND' for a command's options and examples."})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Warmup.start();
        System.exit(run(Context.system(), args));
    }

    /** Runs one command line in the given context and returns its exit code. */
    public static int run(Context context, String... args) {
        Console console = new Console(context);
        CommandLine cl = new CommandLine(new Main(), new Factory(context, console));
        for (Subcommand s : Subcommand.needed(args)) {
            cl.addSubcommand(s.commandName(), s.type());
        }
        HelpLayout.apply(cl);
        cl.setOut(new PrintWriter(context.out(), true));
        cl.setErr(new PrintWriter(context.err(), true));
        cl.setParameterExceptionHandler((ex, argv) -> {
            // picocli's own messages may start with "Error: ", which would read "error: Error: ...".
            // An http(s) argument may be a webhook URL whose path and query are a secret: its host only.
            console.err("error: " + ex.getMessage().replaceFirst("^Error: ", "")
                    .replaceAll("(?i)(https?://)(?:[^/\\s'\"?#@]*@)?([^/\\s'\"?#]+)[^\\s'\"]*", "$1$2/***"));
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                String cmd = ex.getCommandLine().getCommandName().equals("cairn") ? "cairn " : "";
                console.err("did you mean '" + cmd + u.getSuggestions().get(0) + "'?");
            }
            console.err("see: cairn " + ex.getCommandLine().getCommandName().replace("cairn", "").strip()
                    + (ex.getCommandLine().getCommandName().equals("cairn") ? "" : " ") + "--help");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            console.endStatus();
            boolean verbose = commandLine.getCommand() instanceof DatabaseCommand d && d.verbose()
                    || parseResult.expandedArgs().contains("--verbose") || parseResult.expandedArgs().contains("-v");
            if (ex instanceof CairnException c && console.jsonLog()) {
                String message = console.redact(dev.cairn.cli.render.CliHost.message(c));
                console.err(dev.cairn.cli.render.Json.line(dev.cairn.cli.render.Json.logEvent(java.time.Instant.now(),
                        "error", message.lines().findFirst().orElse(""), dev.cairn.cli.render.Json.map("event", "error",
                        "code", c.code(), "exitCode", c.exitCode(), "message", message))));
                return c.exitCode();
            }
            if (ex instanceof CairnException c) {
                console.err("error: " + dev.cairn.cli.render.CliHost.message(c));
                if (verbose) {
                    console.err(stackTrace(c));
                }
                return c.exitCode();
            }
            if (console.jsonLog()) {
                console.err(dev.cairn.cli.render.Json.line(dev.cairn.cli.render.Json.map("event", "error",
                        "code", "unexpected", "exitCode", 1, "message", console.redact(ex.getClass().getSimpleName()
                                + ": " + ex.getMessage()))));
                return 1;
            }
            console.err("error: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                    + (verbose ? "\n" + stackTrace(ex) : " (run with --verbose for the stack trace)"));
            return 1;
        });
        return cl.execute(args);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** The version shown by {@code cairn --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cairn " + Cairn.VERSION};
        }
    }

    /** Gives commands the context and console they run in. */
    private static final class Factory implements CommandLine.IFactory {
        private final Context context;
        private final Console console;

        Factory(Context context, Console console) {
            this.context = context;
            this.console = console;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 2 && c.getParameterTypes()[0] == Context.class) {
                    return cls.cast(c.newInstance(context, console));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
