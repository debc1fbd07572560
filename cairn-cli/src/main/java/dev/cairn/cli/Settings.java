package dev.cairn.cli;

import dev.cairn.Cairn;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.config.EnvironmentName;
import dev.cairn.config.LockMode;
import dev.cairn.engine.Listener;
import dev.cairn.error.CairnException;
import dev.cairn.toml.ConfigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves the settings of one run: flags, then environment variables ({@code CAIRN_*},
 * {@code DATABASE_URL}), then {@code cairn.toml} (its {@code [env.NAME]} section first), then
 * defaults. With no database anywhere, and only outside a protected environment, it falls back to
 * the embedded PostgreSQL in {@code .cairn/}.
 */
public final class Settings {

    /** Backups Cairn deletes by default: its own names older than this (seed 000 keeps a week). */
    static final int DEFAULT_KEEP_DAYS = 7;

    private final Context context;
    private final Console console;
    private final CommonOptions options;
    private final ConfigFile file;
    private final String environment;

    public Settings(Context context, Console console, CommonOptions options) {
        this.context = context;
        this.console = console;
        this.options = options;
        this.file = readConfig();
        this.environment = environmentName();
    }

    private ConfigFile readConfig() {
        if (options.config != null) {
            Path p = context.resolve(options.config.toString());
            if (Files.isDirectory(p)) {
                throw CairnException.usage("config.missing", "--config " + options.config + " is a directory; give the"
                        + " configuration file itself" + (Files.isRegularFile(p.resolve(ConfigFile.NAME))
                        ? " (" + options.config + "/" + ConfigFile.NAME + ")" : ", such as " + ConfigFile.NAME));
            }
            if (Files.exists(p) && !Files.isRegularFile(p)) {
                throw CairnException.usage("config.missing", "--config " + options.config + " is not a regular file;"
                        + " give the path of a TOML file such as " + ConfigFile.NAME);
            }
            if (!Files.exists(p)) {
                throw CairnException.usage("config.missing", "configuration file " + options.config + " does not exist");
            }
            return ConfigFile.read(p);
        }
        Path p = context.cwd().resolve(ConfigFile.NAME);
        return Files.isRegularFile(p) ? ConfigFile.read(p) : ConfigFile.none();
    }

    /**
     * The first of --env, $CAIRN_ENV, $NODE_ENV, $APP_ENV that is set. It must be a plain name (a
     * path such as ./production would dodge protection and reach outside the seeds folder), and a
     * name without its own section while a section of a similar name exists is taken for a typo.
     */
    private String environmentName() {
        String[][] sources = {{options.env, "--env"}, {context.env("CAIRN_ENV"), "$CAIRN_ENV"},
                {context.env("NODE_ENV"), "$NODE_ENV"}, {context.env("APP_ENV"), "$APP_ENV"}};
        for (String[] s : sources) {
            if (s[0] != null && !s[0].isBlank()) {
                String name = EnvironmentName.check(s[0].strip(), s[1]);
                file.checkSelected(name, s[1]);
                return name;
            }
        }
        return "";
    }

    /** The configuration file read for this run ({@link ConfigFile#none()} when there is none). */
    public ConfigFile configFile() {
        return file;
    }

    /** The environment's name, or empty text. */
    public String environment() {
        return environment;
    }

    /** Whether the environment is protected: production and prod unless configured otherwise. */
    public boolean protectedEnvironment() {
        if (environment.isEmpty()) {
            return false;
        }
        String e = environment.toLowerCase(Locale.ROOT);
        return file.environment(environment).protectedEnv().orElse(e.equals("production") || e.equals("prod"));
    }

    /** The configuration file's section for the current environment, then its top level. */
    public ConfigFile.Extra extra() {
        ConfigFile.Extra env = file.environment(environment).extra();
        ConfigFile.Extra top = file.top().extra();
        return new ConfigFile.Extra(first(env.backup(), top.backup()), first(env.lockMode(), top.lockMode()),
                first(env.leaseTtl(), top.leaseTtl()), env.schemas().isEmpty() ? top.schemas() : env.schemas(),
                first(env.seeds(), top.seeds()), first(env.rerunModified(), top.rerunModified()),
                first(env.keepDays(), top.keepDays()), first(env.snapshotAfterMigrate(), top.snapshotAfterMigrate()),
                first(env.lockRetries(), top.lockRetries()), first(env.computedDowns(), top.computedDowns()));
    }

    /**
     * How many days of Cairn's own backups to keep: {@code --keep-days}, else {@code backup_keep_days}
     * in the file, else 7; empty when -1 (or "forever") keeps them all.
     */
    public Optional<Integer> keepDays(Optional<Integer> flag) {
        int days = flag.or(() -> extra().keepDays()).orElse(DEFAULT_KEEP_DAYS);
        if (days < -1) {
            throw CairnException.usage("cli.keep-days", "--keep-days " + days + " must be 0 or more (0 keeps only the"
                    + " new backup), or -1 to keep every backup");
        }
        return days == -1 ? Optional.empty() : Optional.of(days);
    }

    /** The {@code notify} table of the current environment, key by key over the top level's. */
    public ConfigFile.Notify notifyConfig() {
        ConfigFile.Notify env = file.environment(environment).webhooks();
        ConfigFile.Notify top = file.top().webhooks();
        return new ConfigFile.Notify(first(env.urls(), top.urls()), first(env.on(), top.on()));
    }

    /** Where the file's notify URLs come from, for messages. */
    String notifySource() {
        return file.path() + (file.environment(environment).webhooks().urls().isPresent()
                ? " [env." + environment + ".notify]" : " [notify]");
    }

    /** The lock mode from --lock-mode, $CAIRN_LOCK_MODE or lock_mode in the file; empty for the default. */
    public Optional<LockMode> lockMode() {
        if (options.lockMode != null) {
            return Optional.of(LockMode.parse(options.lockMode, "--lock-mode"));
        }
        return env("CAIRN_LOCK_MODE").map(v -> LockMode.parse(v, "$CAIRN_LOCK_MODE"))
                .or(() -> extra().lockMode().map(v -> LockMode.parse(v, "lock_mode in " + file.path())));
    }

    /** The database URL from flags, environment or file; empty when none is configured. */
    public Optional<String> url() {
        return first(Optional.ofNullable(options.url), env("CAIRN_URL"), env("DATABASE_URL"),
                file.environment(environment).url(), file.top().url());
    }

    /** Where {@link #url()} came from, for messages: --url, $CAIRN_URL, $DATABASE_URL or the file. */
    public String urlSource() {
        return options.url != null ? "--url" : env("CAIRN_URL").isPresent() ? "$CAIRN_URL"
                : env("DATABASE_URL").isPresent() ? "$DATABASE_URL" : "url in " + file.path();
    }

    /**
     * The migrations directories: flags and $CAIRN_DIR relative to the working directory, the
     * file's 'dir' relative to the file, else db/migrations or migrations, whichever exists.
     */
    public List<Path> directories() {
        if (!options.dirs.isEmpty()) {
            // -d m -d ./m is one directory, not every file twice.
            return options.dirs.stream().map(context::resolve).distinct().toList();
        }
        if (!context.env("CAIRN_DIR").isEmpty()) {
            return List.of(context.resolve(context.env("CAIRN_DIR")));
        }
        List<String> fromFile = !file.environment(environment).dirs().isEmpty()
                ? file.environment(environment).dirs() : file.top().dirs();
        if (!fromFile.isEmpty()) {
            Path base = context.resolve(file.path().toString()).getParent();
            return fromFile.stream().map(d -> base.resolve(d).normalize()).distinct().toList();
        }
        for (String d : new String[] {"db/migrations", "migrations"}) {
            if (Files.isDirectory(context.resolve(d))) {
                return List.of(context.resolve(d));
            }
        }
        return List.of(context.resolve("db/migrations"));
    }

    /**
     * The fan-out targets of cairn.toml, the environment's section over the top level: {@code targets}, or
     * {@code targets_file} resolved against the file's folder; empty when neither is set.
     */
    public ConfigFile.Targets configuredTargets() {
        ConfigFile.Targets env = file.environment(environment).targets();
        ConfigFile.Targets chosen = !env.urls().isEmpty() || env.file().isPresent() ? env : file.top().targets();
        Path base = context.resolve(file.path().toString()).getParent();
        return new ConfigFile.Targets(chosen.urls(), chosen.file().map(f -> base.resolve(f).normalize().toString()),
                chosen.where());
    }

    /** Whether the database URL was given with --url, which runs on that one database instead of the file's targets. */
    public boolean urlFlag() {
        return options.url != null;
    }

    /** A configured builder; {@code embeddedUrl} is used only when no URL is configured anywhere. */
    public Cairn.Builder builder(Listener listener, Optional<String> embeddedUrl) {
        String url = url().or(() -> embeddedUrl).orElseThrow(() -> CairnException.usage("config.no-url",
                "no database configured; set --url, $CAIRN_URL or $DATABASE_URL, or 'url' in cairn.toml"));
        return builder(url, listener);
    }

    /** A builder configured as the run's settings say, for the database at {@code url} (one target of a fan-out). */
    public Cairn.Builder builder(String url, Listener listener) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        parsed.password().ifPresent(console::secret);
        ConfigFile.Section env = file.environment(environment);
        ConfigFile.Section top = file.top();
        Cairn.Builder b = Cairn.configure().url(url).locations(directories()).listener(listener);
        first(Optional.ofNullable(options.table), env("CAIRN_TABLE"), env.table(), top.table()).ifPresent(b::table);
        first(Optional.ofNullable(options.lockTimeout), env.lockTimeout(), top.lockTimeout()).ifPresent(b::lockTimeout);
        first(Optional.ofNullable(options.lockTimeoutSql), env.lockTimeoutSql(), top.lockTimeoutSql())
                .ifPresent(b::sqlLockTimeout);
        first(Optional.ofNullable(options.statementTimeout), env.statementTimeout(), top.statementTimeout())
                .ifPresent(b::statementTimeout);
        first(Optional.ofNullable(options.lockRetries), extra().lockRetries()).ifPresent(b::lockRetries);
        first(env.ignore(), top.ignore()).ifPresent(b::ignore);
        lockMode().ifPresent(b::lockMode);
        first(Optional.ofNullable(options.leaseTtl), env("CAIRN_LEASE_TTL").map(v -> Durations.parse(v, "$CAIRN_LEASE_TTL")),
                extra().leaseTtl())
                .ifPresent(b::leaseTtl);
        first(env.outOfOrder(), top.outOfOrder()).ifPresent(b::outOfOrder);
        extra().computedDowns().ifPresent(b::computedDowns);
        file.migrations().forEach(b::migration);
        return b;
    }

    private Optional<String> env(String name) {
        String v = context.env(name);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    @SafeVarargs
    private static <T> Optional<T> first(Optional<T>... candidates) {
        for (Optional<T> c : candidates) {
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }
}
