package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.config.EnvironmentName;
import dev.cairn.config.LockMode;
import dev.cairn.error.CairnException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal shares: the {@code <configuration>} elements (each also {@code -Dcairn.<name>}),
 * mapped onto {@link Cairn#configure()}, and the mapping of a {@link CairnException} onto the build's
 * result: a usage error (exit 2 of the CLI) is a {@link MojoExecutionException}, any other failure a
 * {@link MojoFailureException}, both with the message the CLI prints and no stack trace.
 */
public abstract class AbstractCairnMojo extends AbstractMojo {

    /** The directories looked for, in order, when {@code <dirs>} is not given. */
    static final List<String> DEFAULT_DIRS = List.of("db/migrations", "migrations", "src/main/resources/db/migrations");

    /** The database: a {@code postgres://} URI or a JDBC URL. */
    @Parameter(property = "cairn.url")
    protected String url;

    /** The user, when the URL names none. */
    @Parameter(property = "cairn.user")
    protected String user;

    /** The password, when the URL holds none. Never logged. */
    @Parameter(property = "cairn.password")
    protected String password;

    /** A {@code <server>} of settings.xml whose username and password are used when user and password are not set. */
    @Parameter(property = "cairn.serverId")
    protected String serverId;

    /** The migrations directories, relative to the project's base directory. */
    @Parameter(property = "cairn.dirs")
    protected List<String> dirs;

    /** The history table, optionally schema-qualified. */
    @Parameter(property = "cairn.table")
    protected String table;

    /** How long to wait for another runner's lock: 500ms, 60s, 5m, 1h or plain seconds. */
    @Parameter(property = "cairn.lockTimeout")
    protected String lockTimeout;

    /** advisory (default) or table. */
    @Parameter(property = "cairn.lockMode")
    protected String lockMode;

    /** The environment's name; production and prod are protected (confirmation by database name, backups). */
    @Parameter(property = "cairn.env")
    protected String env;

    /**
     * Allow pending versions below the newest applied one. Set on the configuration, so that migrate applies
     * them and validate and status accept them alike (as out_of_order in cairn.toml); default false.
     */
    @Parameter(property = "cairn.outOfOrder")
    protected Boolean outOfOrder;

    /** Skips the goal. */
    @Parameter(property = "cairn.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File basedir;

    @Parameter(defaultValue = "${settings}", readonly = true)
    protected Settings settings;

    /** Decrypts {@code <server>} passwords encrypted with {@code mvn --encrypt-password}, as Maven does its own. */
    @Component
    protected SettingsDecrypter decrypter;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("cairn: skipped (cairn.skip)");
            return;
        }
        try {
            run(cairn());
        } catch (CairnException e) {
            String message = redact(e.message(MavenHost.HOST));
            if (e.kind() == CairnException.Kind.USAGE) {
                throw new MojoExecutionException(message);
            }
            throw new MojoFailureException(message);
        }
    }

    /** The goal's work. */
    protected abstract void run(Cairn cairn) throws MojoFailureException;

    /** The password in use, also when it came from settings.xml, so that no message shows it. */
    private String resolvedPassword;

    /** cairn.toml of the project, read once per goal. */
    private ProjectConfig projectConfig;

    /** cairn.toml in the base directory ({@link ProjectConfig}): what the parameters leave unset. */
    ProjectConfig projectConfig() {
        if (projectConfig == null) {
            projectConfig = ProjectConfig.read(basedir.toPath(), environment());
        }
        return projectConfig;
    }

    /** The facade, configured from the parameters, then cairn.toml, then the defaults. */
    Cairn cairn() {
        ProjectConfig toml = projectConfig();
        if (url == null || url.isBlank()) {
            url = toml.url().orElseThrow(() -> CairnException.usage("config.no-url", "no database configured; set"
                    + " <url> in the plugin's <configuration>, -Dcairn.url=postgres://user@host:5432/database or"
                    + " 'url' in cairn.toml"));
        }
        String u = user;
        String p = password;
        if (serverId != null && !serverId.isBlank()) {
            Server server = ServerCredentials.of(settings, serverId, decrypter);
            u = u != null ? u : server.getUsername();
            p = p != null ? p : server.getPassword();
        }
        resolvedPassword = p;
        Cairn.Builder b = Cairn.configure().url(url).user(u).password(p).locations(directories())
                .listener(new MavenListener(getLog()));
        toml.configure(b);
        if (table != null && !table.isBlank()) {
            b.table(table);
        } else {
            toml.table().ifPresent(b::table);
        }
        if (lockTimeout != null && !lockTimeout.isBlank()) {
            b.lockTimeout(dev.cairn.config.Durations.parse(lockTimeout, "<lockTimeout>"));
        } else {
            toml.lockTimeout().ifPresent(b::lockTimeout);
        }
        if (lockMode != null && !lockMode.isBlank()) {
            b.lockMode(LockMode.parse(lockMode, "<lockMode>"));
        } else {
            toml.lockMode().ifPresent(b::lockMode);
        }
        b.outOfOrder(outOfOrder != null ? outOfOrder : toml.outOfOrder().orElse(false));
        configure(b);
        Cairn cairn = b.load();
        getLog().info("target: " + targetOf(u));
        return cairn;
    }

    /** Goal-specific settings of the builder. */
    protected void configure(Cairn.Builder builder) {
    }

    private String targetOf(String u) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        return (parsed.user().isEmpty() && u != null ? parsed.withCredentials(u, null) : parsed).target();
    }

    /** {@code <dirs>} against the base directory; else cairn.toml's dir; else the first of the defaults that exists. */
    List<Path> directories() {
        Path base = basedir.toPath();
        if (dirs != null && !dirs.isEmpty()) {
            return dirs.stream().map(String::strip).filter(d -> !d.isEmpty()).map(d -> base.resolve(d).normalize())
                    .distinct().toList();
        }
        if (!projectConfig().dirs().isEmpty()) {
            return projectConfig().dirs();
        }
        return DEFAULT_DIRS.stream().map(base::resolve).filter(Files::isDirectory).findFirst()
                .map(List::of).orElse(List.of(base.resolve(DEFAULT_DIRS.get(0))));
    }

    /** The environment's name, checked as the CLI checks --env; empty text when none. */
    String environment() {
        return env == null || env.isBlank() ? "" : EnvironmentName.check(env.strip(), "<env>");
    }

    /** production and prod are protected, unless the environment's section of cairn.toml says otherwise ({@code protected}). */
    boolean protectedEnvironment() {
        String e = environment().toLowerCase(Locale.ROOT);
        return projectConfig().protectedEnvironment().orElse(e.equals("production") || e.equals("prod"));
    }

    /** Words what to do next as the plugin does ({@link MavenHost}); hides the password wherever a message echoes it. */
    String redact(String message) {
        String m = DatabaseUrl.redact(MavenHost.HOST.render(message));
        String secret = resolvedPassword != null ? resolvedPassword : password;
        if ((secret == null || secret.isEmpty()) && url != null) {
            try {
                secret = DatabaseUrl.parse(url).password().orElse(null);
            } catch (CairnException e) {
                secret = null;
            }
        }
        return secret == null || secret.isEmpty() ? m : m.replace(secret, "***");
    }

    /** A version given as a parameter, with the CLI's message when it is not one. */
    static dev.cairn.migration.Version version(String text, String what) {
        try {
            return dev.cairn.migration.Version.of(text);
        } catch (IllegalArgumentException e) {
            throw CairnException.usage("cli.version", what + " '" + text + "' is not a version; give the number at"
                    + " the start of a migration's file name, such as 003 or 20240115093000");
        }
    }
}
