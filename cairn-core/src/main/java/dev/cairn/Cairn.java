package dev.cairn;

import dev.cairn.config.Configuration;
import dev.cairn.config.ConnectionSource;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.config.Locations;
import dev.cairn.config.LockMode;
import dev.cairn.config.TableName;
import dev.cairn.engine.Approval;
import dev.cairn.engine.Baseline;
import dev.cairn.engine.Backup;
import dev.cairn.engine.BackupRequest;
import dev.cairn.engine.BackupResult;
import dev.cairn.engine.BackupThenMigrate;
import dev.cairn.engine.Baseline;
import dev.cairn.engine.DryRun;
import dev.cairn.engine.Import;
import dev.cairn.engine.Listener;
import dev.cairn.engine.Migrate;
import dev.cairn.engine.MigrateOptions;
import dev.cairn.engine.MigrateResult;
import dev.cairn.engine.NewMigration;
import dev.cairn.engine.Repair;
import dev.cairn.engine.Reset;
import dev.cairn.engine.Restore;
import dev.cairn.engine.RestoreRequest;
import dev.cairn.engine.RestoreResult;
import dev.cairn.engine.Rollback;
import dev.cairn.engine.RollbackRequest;
import dev.cairn.engine.RollbackResult;
import dev.cairn.engine.Seed;
import dev.cairn.engine.Status;
import dev.cairn.engine.StatusResult;
import dev.cairn.engine.Unlock;
import dev.cairn.engine.UnlockRequest;
import dev.cairn.engine.UnlockResult;
import dev.cairn.engine.Validate;
import dev.cairn.engine.ValidateResult;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.jdbc.Connections;
import dev.cairn.config.MigrationSettings;
import dev.cairn.migration.Version;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Cairn's facade: one method per command.
 *
 * <pre>{@code
 * Cairn cairn = Cairn.configure()
 *         .dataSource(dataSource)
 *         .locations(Path.of("db/migrations"))
 *         .load();
 * MigrateResult result = cairn.migrate();
 * }</pre>
 *
 * Results are immutable records; progress is reported to the {@link Listener} given to
 * {@link Builder#listener(Listener)}. Failures are {@link CairnException}s.
 */
public final class Cairn {

    /** This library's version. */
    public static final String VERSION = Versions.cairn();

    private final Configuration config;
    private final Listener listener;
    /** The URL the configuration was loaded from: pg_dump and pg_restore connect with it. Empty for a data source. */
    private final Optional<DatabaseUrl> url;

    private Cairn(Configuration config, Listener listener, Optional<DatabaseUrl> url) {
        this.config = config;
        this.listener = listener;
        this.url = url;
    }

    /** Starts a configuration; {@link Builder#load()} validates it and freezes it. */
    public static Builder configure() {
        return new Builder();
    }

    /** The frozen configuration. */
    public Configuration configuration() {
        return config;
    }

    /** Applies every pending migration. */
    public MigrateResult migrate() {
        return migrate(MigrateOptions.defaults());
    }

    /** Applies pending migrations up to the target, if any. */
    public MigrateResult migrate(MigrateOptions options) {
        return new Migrate(config, listener).run(options);
    }

    /**
     * As {@link #migrate(MigrateOptions)}, with {@code lint} run first on the same session: its verdict
     * refuses by throwing, and then nothing is applied.
     */
    public MigrateResult migrate(MigrateOptions options, dev.cairn.engine.MigrateLint lint) {
        return new Migrate(config, listener).linting(lint).run(options);
    }

    /**
     * The lint a migrate runs first ({@link #migrate(MigrateOptions, dev.cairn.engine.MigrateLint)}): the
     * static rules, or with {@code observe} each waiting statement run on a scratch database on the
     * server of {@code scratchUrl} (empty: the target's, as {@link #lint(dev.cairn.lint.LintOptions)}).
     */
    public dev.cairn.engine.MigrateLint migrateLint(dev.cairn.lint.LintOptions options, boolean observe,
                                                    Optional<String> scratchUrl,
                                                    java.util.function.Consumer<dev.cairn.lint.LintResult> verdict) {
        dev.cairn.engine.Lint lint = !observe ? new dev.cairn.engine.Lint(config, options)
                : new dev.cairn.engine.Lint(config, scratchUrl.map(DatabaseUrl::parse)
                        .orElseGet(() -> scratchServer("lint")), ApplicationName.of(VERSION), options);
        return new dev.cairn.engine.MigrateLint(lint, verdict);
    }

    /** What {@link #migrate(MigrateOptions)} would run; changes nothing. */
    public DryRun dryRun(MigrateOptions options) {
        return new Migrate(config, listener).dryRun(options);
    }

    /** Every migration's state; the database's size estimated from the catalog. */
    public StatusResult status() {
        return status(Status.Sizes.ESTIMATED);
    }

    /** Every migration's state, with the database's size estimated or measured on disk ({@code EXACT}, slower). */
    public StatusResult status(Status.Sizes sizes) {
        return new Status(config, sizes).run();
    }

    /** Checks files against the history; changes nothing. */
    public ValidateResult validate() {
        return new Validate(config).run();
    }

    /** Undoes applied migrations. */
    public RollbackResult rollback(RollbackRequest request) {
        return new Rollback(config, listener).run(request);
    }

    /**
     * What {@link #rollback(RollbackRequest)} of {@code selection} would undo, newest first, with each
     * down script and its source ({@code file}, {@code history}, {@code empty}, {@code missing}); changes nothing.
     */
    public List<RollbackRequest.Planned> rollbackDryRun(RollbackRequest.Selection selection) {
        return new Rollback(config, listener).dryRun(selection);
    }

    /**
     * Shows who holds the migration lock and, once {@code request} approves, clears it: in table
     * mode deletes an expired lease (a live one only with {@code force}); in advisory mode ends the
     * holder's sessions. Nothing held is a result, not an error.
     */
    public UnlockResult unlock(UnlockRequest request) {
        return new Unlock(config).run(request);
    }

    /** Resolves FAILED rows and realigns checksums of edited applied files, once {@code approve} accepts the changes. */
    public Repair.Result repair(Approval<List<Repair.Change>> approve) {
        return new Repair(config, listener).run(approve);
    }

    /** Records every migration up to {@code version} as applied without running it. */
    public Baseline.Result baseline(Version version) {
        return new Baseline(config, listener).run(version);
    }

    /**
     * Takes over another tool's history table (Flyway, golang-migrate, dbmate, diesel, goose,
     * sql-migrate, drizzle and hand-written runners' tables): writes the matching history rows, kind
     * {@code imported}, so nothing is pending. The other table is never changed. When the result has
     * problems nothing was written.
     */
    public Import.Result importHistory(Import.Request request) {
        return new Import(config, listener).run(request);
    }

    /** Runs the seed files that are new or changed (or all, with {@code rerun}). */
    public Seed.Result seed(Seed.Options options) {
        return new Seed(config, listener).run(options);
    }

    /**
     * Drops every object in the schemas once {@code approve} accepts the plan, without migrating
     * (see {@link Reset.Options} for the schemas managed when the list is empty). To rebuild the
     * database, prefer {@link #reset(Reset.Options, Approval)} with {@code migrate}: the drop and the
     * migrations are then one transaction when they can be.
     */
    public Reset.Result reset(List<String> schemas, Approval<Reset.Plan> approve) {
        return new Reset(config, listener).run(schemas, approve);
    }

    /**
     * Drops every object in the managed schemas once {@code approve} accepts the plan and, with
     * {@link Reset.Options#migrate()}, migrates again: in the same transaction when every migration
     * can run in one, so that a failing migration leaves the database as it was.
     */
    public Reset.Result reset(Reset.Options options, Approval<Reset.Plan> approve) {
        return new Reset(config, listener).run(options, approve);
    }

    /** The live database's schema model (without Cairn's own tables); reads only. */
    public dev.cairn.schema.SchemaModel schema() {
        return new dev.cairn.engine.Snapshot(config).read();
    }

    /** Writes the live schema as Markdown to {@code file} (DATABASE.md), replacing it; returns the model written. */
    public dev.cairn.schema.SchemaModel snapshot(Path file) {
        return snapshot(file, dev.cairn.engine.Snapshot.Format.MARKDOWN);
    }

    /** The live schema model with every role's privileges (grants) too. */
    public dev.cairn.schema.SchemaModel schemaWithGrants() {
        return new dev.cairn.engine.Snapshot(config, true).read();
    }

    /** Like {@link #snapshot(Path, dev.cairn.engine.Snapshot.Format)}; with {@code grants}, the privileges too. */
    public dev.cairn.schema.SchemaModel snapshot(Path file, dev.cairn.engine.Snapshot.Format format, boolean grants) {
        return new dev.cairn.engine.Snapshot(config, grants).write(file, format);
    }

    /** Writes the live schema to {@code file} in the format, replacing it; returns the model written. */
    public dev.cairn.schema.SchemaModel snapshot(Path file, dev.cairn.engine.Snapshot.Format format) {
        return new dev.cairn.engine.Snapshot(config).write(file, format);
    }

    /**
     * Replays the applied migrations' recorded up scripts on a scratch database created on the
     * target's own server, compares its schema with the live one, and drops the scratch database.
     */
    public dev.cairn.engine.DriftResult drift() {
        return new dev.cairn.engine.Drift(config, scratchServer("drift"), ApplicationName.of(VERSION)).run();
    }

    /**
     * Like {@link #drift()}: on the server of {@code scratchUrl} unless it is empty, and with
     * {@code grants}, comparing every role's privileges too.
     */
    public dev.cairn.engine.DriftResult drift(String scratchUrl, boolean grants) {
        DatabaseUrl server = scratchUrl.isEmpty() ? scratchServer("drift") : DatabaseUrl.parse(scratchUrl);
        return new dev.cairn.engine.Drift(config, server, ApplicationName.of(VERSION), grants).run();
    }

    /**
     * Whether the role may create the scratch database on the target's own server, and that
     * server's major version: what decides where drift and verify replay by default.
     */
    public dev.cairn.dialect.postgres.PgScratch.Probe scratchProbe() {
        return dev.cairn.dialect.postgres.PgScratch.probe(scratchServer("drift"), ApplicationName.of(VERSION));
    }

    /** Like {@link #drift()}, with the scratch database created on the server of {@code scratchUrl}. */
    public dev.cairn.engine.DriftResult drift(String scratchUrl) {
        return new dev.cairn.engine.Drift(config, DatabaseUrl.parse(scratchUrl), ApplicationName.of(VERSION)).run();
    }

    /**
     * Round-trips every migration file (up, down, up) on a scratch database created on the target's
     * server, comparing the schema after each down with the one before the up. The target is not touched.
     */
    public dev.cairn.engine.VerifyResult verify() {
        return new dev.cairn.engine.Verify(config, scratchServer("verify"), ApplicationName.of(VERSION)).run();
    }

    /** The server a scratch database is created on by default: the target's own, known only from a URL. */
    private DatabaseUrl scratchServer(String operation) {
        return url.orElseThrow(() -> CairnException.usage("scratch.no-url", operation + " needs a server where it may"
                + " create a scratch database, and a data source does not say which; give a scratch URL ("
                + Next.setting("scratch-url") + ")"
                + " or configure Cairn with url(...)"));
    }

    /** Like {@link #verify()}, with the scratch database created on the server of {@code scratchUrl}. */
    public dev.cairn.engine.VerifyResult verify(String scratchUrl) {
        return new dev.cairn.engine.Verify(config, DatabaseUrl.parse(scratchUrl), ApplicationName.of(VERSION)).run();
    }

    /**
     * Like {@link #verify()}: with {@code pending}, only the pending migrations, on top of the applied
     * ones replayed as recorded; in {@code mode} ALL, all ups, all downs newest first, all ups again.
     */
    public dev.cairn.engine.VerifyResult verify(boolean pending, dev.cairn.engine.Verify.Mode mode) {
        return new dev.cairn.engine.Verify(config, scratchServer("verify"), ApplicationName.of(VERSION), pending, mode)
                .run();
    }

    /** Like {@link #verify(boolean, dev.cairn.engine.Verify.Mode)}, on the server of {@code scratchUrl}. */
    public dev.cairn.engine.VerifyResult verify(String scratchUrl, boolean pending, dev.cairn.engine.Verify.Mode mode) {
        return new dev.cairn.engine.Verify(config, DatabaseUrl.parse(scratchUrl), ApplicationName.of(VERSION), pending,
                mode).run();
    }

    /**
     * Writes the next migration from the difference between the schema the migration files build
     * (replayed on a scratch database on the target's server) and the desired schema (the request's).
     */
    public dev.cairn.engine.GenerateResult generate(dev.cairn.engine.GenerateRequest request) {
        return new dev.cairn.engine.Generate(config, scratchServer("generate"), ApplicationName.of(VERSION),
                Clock.systemUTC()).run(request);
    }

    /** Like {@link #generate(dev.cairn.engine.GenerateRequest)}, with scratch databases on the server of {@code scratchUrl}. */
    public dev.cairn.engine.GenerateResult generate(String scratchUrl, dev.cairn.engine.GenerateRequest request) {
        return new dev.cairn.engine.Generate(config, DatabaseUrl.parse(scratchUrl), ApplicationName.of(VERSION),
                Clock.systemUTC()).run(request);
    }

    /**
     * Lints the pending migrations: static rules, then each statement run on a scratch database built
     * from the applied migrations (locks, rewrites, validation scans), sized by the live tables. The
     * target is only read; the scratch database, on the target's server, is always dropped.
     */
    public dev.cairn.lint.LintResult lint(dev.cairn.lint.LintOptions options) {
        return new dev.cairn.engine.Lint(config, scratchServer("lint"), ApplicationName.of(VERSION), options).run();
    }

    /**
     * The static rules on the pending migrations, with every file read for the state (no scratch
     * database): what the CLI's {@code migrate} checks before applying.
     */
    public dev.cairn.lint.LintResult lintStatic(dev.cairn.lint.LintOptions options) {
        return new dev.cairn.engine.Lint(config, options).run();
    }

    /** Like {@link #lint(dev.cairn.lint.LintOptions)}, with the scratch database on the server of {@code scratchUrl}. */
    public dev.cairn.lint.LintResult lint(String scratchUrl, dev.cairn.lint.LintOptions options) {
        return new dev.cairn.engine.Lint(config, DatabaseUrl.parse(scratchUrl), ApplicationName.of(VERSION), options)
                .run();
    }

    /**
     * Reads and checks the migration files once, for {@link Builder#preloaded} of many configurations: a
     * fan-out over many databases or schemas reads them once, and splits each script once.
     */
    public dev.cairn.migration.Preloaded preload() {
        return new dev.cairn.migration.Preloaded(dev.cairn.migration.DirectoryScan.configured(config));
    }

    /**
     * The schemas named by the first column of {@code query}'s rows, in order, each once; the query runs
     * read-only. For a fan-out over tenant schemas ({@link Builder#schema}).
     *
     * @throws CairnException a usage error when the query fails or returns no schema
     */
    public List<String> schemas(String query) {
        return new dev.cairn.engine.SchemaQuery(config).run(query);
    }

    /** Creates the next migration file in the first location; returns the files written. */
    public List<Path> newMigration(String name) {
        return newMigration(name, "");
    }

    /** As {@link #newMigration(String)}, with {@code description} in the file's header comment. */
    public List<Path> newMigration(String name, String description) {
        return new NewMigration(config, Clock.systemUTC()).run(name, description);
    }

    /**
     * Dumps the database with pg_dump into the request's directory, then applies its retention.
     * Needs a URL configuration: pg_dump connects by itself, with the password in its environment.
     */
    public BackupResult backup(BackupRequest request) {
        return backupOperation().run(request);
    }

    /** Restores a backup written by {@link #backup(BackupRequest)}, in one transaction, once the request approves. */
    public RestoreResult restore(RestoreRequest request) {
        return new Restore(config, toolsUrl("restore"), listener).run(request);
    }

    /** Backs up first when something is pending, then migrates; when the backup fails nothing is applied. */
    public BackupThenMigrate.Result migrate(MigrateOptions options, BackupRequest backup) {
        return new BackupThenMigrate(new Migrate(config, listener), backupOperation(), listener)
                .run(options, backup);
    }

    /** As {@link #migrate(MigrateOptions, BackupRequest)}, with {@code lint} run first, before the backup. */
    public BackupThenMigrate.Result migrate(MigrateOptions options, BackupRequest backup,
                                            dev.cairn.engine.MigrateLint lint) {
        return new BackupThenMigrate(new Migrate(config, listener).linting(lint), backupOperation(), listener)
                .run(options, backup);
    }

    private Backup backupOperation() {
        return new Backup(config, toolsUrl("backup"), Clock.systemUTC());
    }

    private DatabaseUrl toolsUrl(String command) {
        return url.orElseThrow(() -> CairnException.usage("config.no-url", command
                + " needs a database URL: the database's client tools connect by themselves and cannot use the"
                + " application's data source; configure Cairn with url(...) instead of dataSource(...)"));
    }

    /** Collects settings; every default is in {@link Configuration.Defaults}. */
    public static final class Builder {
        private DataSource dataSource;
        private String url;
        private String user;
        private String password;
        private final List<Path> locations = new ArrayList<>();
        private final List<String> locationNames = new ArrayList<>();
        private ClassLoader classLoader = Cairn.class.getClassLoader();
        private String table = Configuration.Defaults.TABLE;
        private Duration lockTimeout = Configuration.Defaults.LOCK_TIMEOUT;
        private List<String> ignore = Configuration.Defaults.IGNORE;
        private final Map<String, MigrationSettings> settings = new LinkedHashMap<>();
        private Duration sqlLockTimeout = Configuration.Defaults.SQL_LOCK_TIMEOUT;
        private int lockRetries = Configuration.Defaults.LOCK_RETRIES;
        private Duration statementTimeout;
        private boolean outOfOrder;
        private boolean computedDowns = Configuration.Defaults.COMPUTED_DOWNS;
        private LockMode lockMode = Configuration.Defaults.LOCK_MODE;
        private boolean lockModeChosen;
        private Duration leaseTtl = Configuration.Defaults.LEASE_TTL;
        private Listener listener = Listener.NONE;
        private String applicationName = ApplicationName.of(VERSION);
        private String schema;
        private dev.cairn.migration.Preloaded preloaded;

        private Builder() {
        }

        /** The application's data source; Cairn borrows connections and closes them. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** A JDBC URL or a {@code postgres://} URI. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        /** The user, when the URL does not name one. */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The password, when the URL does not hold one. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * Migrations locations, read in order: a directory, {@code filesystem:DIR}, or
         * {@code classpath:db/migration} (a folder on the class path, also inside jars).
         */
        public Builder locations(String... locations) {
            this.locationNames.addAll(List.of(locations));
            return this;
        }

        /** The class loader for {@code classpath:} locations (default: this library's). */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** The migrations directories, read in order. Default: {@code db/migrations}. */
        public Builder locations(Path... dirs) {
            locations.addAll(List.of(dirs));
            return this;
        }

        public Builder locations(List<Path> dirs) {
            locations.addAll(dirs);
            return this;
        }

        /** The history table, optionally schema-qualified. */
        public Builder table(String table) {
            this.table = Objects.requireNonNull(table, "table");
            return this;
        }

        /** How long to wait for another runner's lock (default 60s). */
        public Builder lockTimeout(Duration timeout) {
            this.lockTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Globs of files that are not migrations (replaces the defaults). */
        public Builder ignore(List<String> globs) {
            this.ignore = List.copyOf(globs);
            return this;
        }

        /** Settings for one migration by version, such as running it without a transaction. */
        public Builder migration(String version, MigrationSettings settings) {
            this.settings.put(version, settings);
            return this;
        }

        /**
         * PostgreSQL {@code lock_timeout} for migration statements (default 5s); {@link Duration#ZERO}
         * turns it off (statements wait for locks as long as it takes), {@code null} leaves the server's setting.
         */
        public Builder sqlLockTimeout(Duration timeout) {
            this.sqlLockTimeout = timeout;
            return this;
        }

        /**
         * How often a transactional migration that timed out waiting for a lock is rolled back and run
         * again, with back-off (default 3; 0 never). A migration without a transaction is never run again.
         */
        public Builder lockRetries(int retries) {
            this.lockRetries = retries;
            return this;
        }

        /** PostgreSQL {@code statement_timeout} for migration statements. */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = timeout;
            return this;
        }

        /** Whether pending versions below the newest applied may run. */
        public Builder outOfOrder(boolean allowed) {
            this.outOfOrder = allowed;
            return this;
        }

        /**
         * Whether {@code migrate} computes a down for a migration that has none (drizzle-kit's, a Flyway
         * {@code V} file without its {@code U}) from the schema before and after it, and stores it in the
         * history so that {@code rollback} can use it (default true).
         */
        public Builder computedDowns(boolean computed) {
            this.computedDowns = computed;
            return this;
        }

        /**
         * How runners are kept apart: a PostgreSQL advisory lock (default), or {@link LockMode#TABLE}, a
         * lease row in {@code <table>_lock} for PgBouncer transaction pooling and engines without
         * advisory locks. Unless set, CockroachDB, YugabyteDB and Citus get the lease.
         */
        public Builder lockMode(LockMode mode) {
            this.lockMode = Objects.requireNonNull(mode, "mode");
            this.lockModeChosen = true;
            return this;
        }

        /** Table lock mode: how long a lease lasts without renewal (default 30s, at least 1s). */
        public Builder leaseTtl(Duration ttl) {
            this.leaseTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** Receives progress events. */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How Cairn's sessions are named on the server (URL connections only). */
        public Builder applicationName(String name) {
            this.applicationName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Runs in one schema, as in a fan-out over tenant schemas: the history table (its name without a
         * schema) and its lock live in {@code schema}, and migrations run with {@code search_path} set to
         * it alone.
         */
        public Builder schema(String schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** Migration files already read by {@link Cairn#preload()}, used instead of reading the locations again. */
        public Builder preloaded(dev.cairn.migration.Preloaded files) {
            this.preloaded = Objects.requireNonNull(files, "files");
            return this;
        }

        /**
         * Validates and freezes the configuration.
         *
         * @throws CairnException a usage error when something is missing or contradictory
         */
        public Cairn load() {
            if ((dataSource == null) == (url == null)) {
                throw CairnException.usage("config.connection", dataSource == null
                        ? "no database: give a URL or a data source"
                        : "both a data source and a URL were given; give one");
            }
            Optional<DatabaseUrl> parsed = dataSource != null ? Optional.empty()
                    : Optional.of(credentials(DatabaseUrl.parse(url)).requireDatabase());
            ConnectionSource connection = parsed.map(u -> Connections.of(u, applicationName))
                    .orElseGet(() -> Connections.of(dataSource));
            TableName history = TableName.parse(table);
            if (schema != null) {
                connection = Connections.inSchema(connection, schema);
                history = new TableName(Optional.of(schema), history.name());
            }
            List<Path> dirs = new ArrayList<>(locations);
            locationNames.forEach(l -> dirs.addAll(Locations.resolve(l, classLoader)));
            if (dirs.isEmpty()) {
                dirs.add(Path.of("db", "migrations"));
            }
            Configuration config = new Configuration(connection, dirs, history, lockTimeout, ignore,
                    settings, new Configuration.SessionTimeouts(Optional.ofNullable(sqlLockTimeout),
                    Optional.ofNullable(statementTimeout)), outOfOrder, lockMode, leaseTtl, lockRetries, lockModeChosen,
                    Optional.ofNullable(preloaded), computedDowns);
            return new Cairn(config, listener, parsed);
        }

        private DatabaseUrl credentials(DatabaseUrl parsed) {
            DatabaseUrl u = parsed;
            if (user != null && u.user().isEmpty()) {
                u = u.withCredentials(user, password);
            } else if (password != null && u.password().isEmpty()) {
                u = u.withCredentials(u.user().orElse(user), password);
            }
            return u;
        }
    }
}
