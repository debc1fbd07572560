package dev.cairn.bench;

import dev.cairn.Cairn;
import dev.cairn.engine.MigrateResult;
import dev.cairn.engine.StatusResult;
import dev.cairn.engine.ValidateResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Cairn through its library API, and its real launcher {@code ./cairn}. */
final class CairnTool implements Tool {

    private final Workload workload;

    CairnTool(Workload workload) {
        this.workload = workload;
    }

    @Override
    public String name() {
        return "cairn";
    }

    private Cairn cairn(String url) {
        return Cairn.configure().url(url).locations(workload.cairnDir()).load();
    }

    @Override
    public void apply(String url) {
        MigrateResult r = cairn(url).migrate();
        if (r.applied().size() != workload.size()) {
            throw new IllegalStateException("cairn applied " + r.applied().size() + " of " + workload.size());
        }
    }

    @Override
    public void noop(String url) {
        MigrateResult r = cairn(url).migrate();
        if (!r.upToDate()) {
            throw new IllegalStateException("cairn no-op applied " + r.applied().size());
        }
    }

    @Override
    public List<Read> reads() {
        return List.of(new Read("status", url -> {
            StatusResult s = cairn(url).status();
            if (s.summary().applied() != workload.size()) {
                throw new IllegalStateException("cairn status: " + s.summary());
            }
        }), new Read("validate", url -> {
            ValidateResult v = cairn(url).validate();
            if (!v.valid() || v.migrations() != workload.size()) {
                throw new IllegalStateException("cairn validate: " + v.problems());
            }
        }));
    }

    @Override
    public List<Launch> launches(String url, Java java) {
        String launcher = java.root().resolve("cairn").toString();
        String dir = workload.cairnDir().toString();
        List<Launch> out = new ArrayList<>();
        out.add(new Launch("./cairn migrate (no-op)", List.of(launcher, "migrate", "--url", url, "--dir", dir)));
        out.add(new Launch("./cairn status", List.of(launcher, "status", "--url", url, "--dir", dir)));
        out.add(new Launch("./cairn validate", List.of(launcher, "validate", "--url", url, "--dir", dir)));
        List<String> jar = new ArrayList<>();
        jar.add(java.main("x").get(0));
        jar.addAll(java.flags());
        jar.addAll(List.of("-jar", java.root().resolve("cairn-cli/target/cairn.jar").toString(), "migrate", "--url", url,
                "--dir", dir));
        out.add(new Launch("java -jar cairn.jar migrate (no launcher script)", List.copyOf(jar)));
        return out;
    }

    @Override
    public long historyRows(Connection c) throws SQLException {
        return Bench.count(c, "SELECT count(*) FROM cairn_history WHERE status = 'SUCCESS'");
    }
}
