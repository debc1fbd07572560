package dev.cairn.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** Flyway 11 with its defaults (validate on migrate included), in-process and as a main of its own. */
final class FlywayTool implements Tool {

    private final Workload workload;

    FlywayTool(Workload workload) {
        this.workload = workload;
    }

    @Override
    public String name() {
        return "flyway";
    }

    static Flyway flyway(String url, Path dir) {
        return Flyway.configure().dataSource(url, null, null).locations("filesystem:" + dir).load();
    }

    @Override
    public void apply(String url) {
        int n = flyway(url, workload.flywayDir()).migrate().migrationsExecuted;
        if (n != workload.size()) {
            throw new IllegalStateException("flyway applied " + n + " of " + workload.size());
        }
    }

    @Override
    public void noop(String url) {
        int n = flyway(url, workload.flywayDir()).migrate().migrationsExecuted;
        if (n != 0) {
            throw new IllegalStateException("flyway no-op applied " + n);
        }
    }

    @Override
    public List<Read> reads() {
        return List.of(new Read("info", url -> info(url, workload.flywayDir(), workload.size())),
                new Read("validate", url -> validate(url, workload.flywayDir())));
    }

    private static void info(String url, Path dir, int expected) {
        MigrationInfo[] applied = flyway(url, dir).info().applied();
        if (expected >= 0 && applied.length != expected) {
            throw new IllegalStateException("flyway info: " + applied.length + " applied of " + expected);
        }
    }

    private static void validate(String url, Path dir) {
        if (!flyway(url, dir).validateWithResult().validationSuccessful) {
            throw new IllegalStateException("flyway validate failed");
        }
    }

    @Override
    public List<Launch> launches(String url, Java java) {
        String dir = workload.flywayDir().toString();
        return List.of(new Launch("Flyway main migrate (no-op)", java.main(FlywayTool.class.getName(), "migrate", url, dir)),
                new Launch("Flyway main info", java.main(FlywayTool.class.getName(), "info", url, dir)),
                new Launch("Flyway main validate", java.main(FlywayTool.class.getName(), "validate", url, dir)));
    }

    @Override
    public long historyRows(Connection c) throws SQLException {
        return Bench.count(c, "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL");
    }

    /** {@code FlywayTool migrate|info|validate URL DIR}: one Flyway command, as an application or CLI would run it. */
    public static void main(String[] args) {
        Bench.quietLogging();
        Path dir = Path.of(args[2]);
        switch (args[0]) {
            case "migrate" -> System.out.println("applied " + flyway(args[1], dir).migrate().migrationsExecuted);
            case "info" -> info(args[1], dir, -1);
            case "validate" -> validate(args[1], dir);
            default -> throw new IllegalArgumentException("commands: migrate, info, validate");
        }
    }
}
