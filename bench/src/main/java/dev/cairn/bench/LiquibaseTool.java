package dev.cairn.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Liquibase 4.33: formatted SQL, one file per migration through includeAll, each changeset with
 * {@code splitStatements:false} (its splitter breaks on dollar quotes); analytics off, since they
 * would wait on a host this machine cannot reach.
 */
final class LiquibaseTool implements Tool {

    static final String CHANGELOG = "changelog.xml";

    private final Workload workload;

    LiquibaseTool(Workload workload) {
        this.workload = workload;
    }

    @Override
    public String name() {
        return "liquibase";
    }

    /**
     * Runs update, status or validate on a connection of its own. Its messages ("Running Changeset",
     * the update summary) go to its logger, as in an application, not to the console.
     */
    static int run(String command, String url, Path dir) throws Exception {
        return Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> runInScope(command, url, dir));
    }

    private static int runInScope(String command, String url, Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            try (Liquibase lb = new Liquibase(CHANGELOG, new DirectoryResourceAccessor(dir), db)) {
                switch (command) {
                    case "update" -> lb.update(new Contexts(), new LabelExpression());
                    case "status" -> {
                        return lb.listUnrunChangeSets(new Contexts(), new LabelExpression()).size();
                    }
                    case "validate" -> lb.validate();
                    default -> throw new IllegalArgumentException("commands: update, status, validate");
                }
                return 0;
            }
        }
    }

    @Override
    public void apply(String url) throws Exception {
        run("update", url, workload.liquibaseDir());
    }

    @Override
    public void noop(String url) throws Exception {
        run("update", url, workload.liquibaseDir());
    }

    @Override
    public List<Read> reads() {
        return List.of(new Read("status", url -> {
            int unrun = run("status", url, workload.liquibaseDir());
            if (unrun != 0) {
                throw new IllegalStateException("liquibase status: " + unrun + " unrun");
            }
        }), new Read("validate", url -> run("validate", url, workload.liquibaseDir())));
    }

    @Override
    public List<Launch> launches(String url, Java java) {
        String dir = workload.liquibaseDir().toString();
        return List.of(new Launch("Liquibase main update (no-op)", java.main(LiquibaseTool.class.getName(), "update", url, dir)),
                new Launch("Liquibase main status", java.main(LiquibaseTool.class.getName(), "status", url, dir)));
    }

    @Override
    public long historyRows(Connection c) throws SQLException {
        return Bench.count(c, "SELECT count(*) FROM databasechangelog");
    }

    /** {@code LiquibaseTool update|status|validate URL DIR}. */
    public static void main(String[] args) throws Exception {
        Bench.quietLogging();
        System.out.println(run(args[0], args[1], Path.of(args[2])));
    }
}
