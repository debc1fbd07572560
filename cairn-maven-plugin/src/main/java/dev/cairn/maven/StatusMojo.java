package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.engine.StatusResult;
import org.apache.maven.plugins.annotations.Mojo;

/** {@code mvn cairn:status}: every migration's state, as {@code cairn status}; never fails on what it finds. */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public final class StatusMojo extends AbstractCairnMojo {

    @Override
    protected void run(Cairn cairn) {
        StatusResult s = cairn.status();
        for (StatusResult.Item i : s.migrations()) {
            getLog().info(String.format("%-16s %-14s %s", i.version(), i.state().label(), i.script()));
        }
        StatusResult.Summary m = s.summary();
        getLog().info(m.total() + " migrations: " + m.applied() + " applied, " + m.pending() + " pending, "
                + m.failed() + " failed, " + m.modified() + " modified, " + m.missing() + " missing, "
                + m.outOfOrder() + " out of order");
        s.problems().forEach(p -> getLog().warn("invalid: " + redact(p.template())));
    }
}
