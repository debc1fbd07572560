package dev.cairn.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every database command shares. */
public final class CommonOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "Database: a JDBC URL or postgres://user:pass@host:5432/db?sslmode=require."
                    + " Default: $CAIRN_URL, then $DATABASE_URL, then 'url' in cairn.toml.")
    String url;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
            description = "Migrations directory; repeat for several. Default: 'dir' in cairn.toml, else db/migrations"
                    + " or migrations, whichever exists.")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--embedded", description = "Use the embedded PostgreSQL in .cairn/ even where it is not used by"
            + " default (CI=true). Refused when a database URL is configured, and in a protected environment.")
    boolean embedded;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file. Default: ./cairn.toml when present.")
    Path config;

    @Option(names = "--env", paramLabel = "NAME",
            description = "Environment, selecting [env.NAME] in cairn.toml. Default: $CAIRN_ENV, $NODE_ENV, $APP_ENV."
                    + " production and prod are protected.")
    String env;

    @Option(names = "--table", paramLabel = "NAME", descriptionKey = "table", description = "History table, schema-qualified allowed."
            + " Default: cairn_history.")
    String table;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "How long to wait for another runner's lock (e.g. 30s, 5m). Default: 60s.")
    Duration lockTimeout;

    @Option(names = "--lock-mode", paramLabel = "advisory|table",
            description = "How runners are kept apart: 'advisory', a PostgreSQL advisory lock (default), or 'table',"
                    + " a lease row in <table>_lock renewed by a heartbeat, for PgBouncer transaction pooling."
                    + " Default: $CAIRN_LOCK_MODE, 'lock_mode' in cairn.toml, advisory.")
    String lockMode;

    @Option(names = "--lease-ttl", paramLabel = "DURATION", converter = Durations.class,
            description = "With --lock-mode table: how long a lease lasts without renewal, so how soon a dead"
                    + " runner's lock is taken over (at least 1s). Default: $CAIRN_LEASE_TTL, 30s.")
    Duration leaseTtl;

    @Option(names = "--lock-timeout-sql", paramLabel = "DURATION|off", converter = Durations.OrOff.class,
            description = "PostgreSQL lock_timeout for migration statements, so a migration waiting on a busy table"
                    + " gives up instead of blocking every query behind it; 'off' waits as long as it takes."
                    + " Default: 'lock_timeout_sql' in cairn.toml, 5s.")
    Duration lockTimeoutSql;

    @Option(names = "--lock-retries", paramLabel = "N",
            description = "How often a migration run in a transaction that timed out waiting for a lock is rolled"
                    + " back and run again, with back-off; 0 never. Default: 'lock_retries' in cairn.toml, 3.")
    Integer lockRetries;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "PostgreSQL statement_timeout for migration statements.")
    Duration statementTimeout;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "json: one structured event per line on standard error (time, level, msg, event,"
                    + " version, script, durationMs, checksum, batch), errors included. Default: $CAIRN_LOG_FORMAT, text.")
    String logFormat;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces with errors.")
    boolean verbose;
}
