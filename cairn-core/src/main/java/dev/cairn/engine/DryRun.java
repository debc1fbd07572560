package dev.cairn.engine;

import dev.cairn.sql.SqlStatement;
import java.util.List;

/** What {@code migrate --dry-run} would run, statement by statement; nothing was touched. */
public record DryRun(List<Planned> migrations) {

    public DryRun {
        migrations = List.copyOf(migrations);
    }

    /**
     * One pending migration.
     *
     * @param file the file its statements' line numbers refer to
     */
    public record Planned(String version, String script, String file, boolean transactional,
                          String noTransactionReason, List<SqlStatement> statements) {
        public Planned {
            statements = List.copyOf(statements);
        }
    }
}
