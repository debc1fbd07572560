package dev.cairn.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The raw-JDBC lower bound, in one of its three ways of sending a script. */
final class RawTool implements Tool {

    private final Workload workload;
    private final RawJdbc.Mode mode;

    RawTool(Workload workload, RawJdbc.Mode mode) {
        this.workload = workload;
        this.mode = mode;
    }

    @Override
    public String name() {
        return switch (mode) {
            case WHOLE -> "raw";
            case BATCH -> "raw-batch";
            case EACH -> "raw-each";
            case ASYNC -> "raw-async";
        };
    }

    @Override
    public void apply(String url) throws Exception {
        int n = RawJdbc.migrate(url, workload.cairnDir(), mode);
        if (n != workload.size()) {
            throw new IllegalStateException(name() + " applied " + n + " of " + workload.size());
        }
    }

    @Override
    public void noop(String url) throws Exception {
        int n = RawJdbc.migrate(url, workload.cairnDir(), mode);
        if (n != 0) {
            throw new IllegalStateException(name() + " no-op applied " + n);
        }
    }

    @Override
    public List<Read> reads() {
        return List.of(new Read("check (status/validate bound)", url -> {
            int ok = RawJdbc.check(url, workload.cairnDir());
            if (ok != workload.size()) {
                throw new IllegalStateException("raw check found " + ok + " of " + workload.size());
            }
        }));
    }

    @Override
    public List<Launch> launches(String url, Java java) {
        if (mode != RawJdbc.Mode.WHOLE) {
            return List.of();
        }
        return List.of(new Launch("raw-JDBC main (no-op migrate)",
                        java.main(RawJdbc.class.getName(), url, workload.cairnDir().toString())),
                new Launch("psql -c 'SELECT 1'", List.of("psql", "-X", "-q", "-d", Bench.libpq(url), "-c", "SELECT 1")));
    }

    @Override
    public long historyRows(Connection c) throws SQLException {
        return Bench.count(c, "SELECT count(*) FROM " + RawJdbc.TABLE);
    }
}
