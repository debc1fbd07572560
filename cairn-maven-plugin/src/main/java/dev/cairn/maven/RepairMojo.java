package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.engine.Repair;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code mvn cairn:repair -Dcairn.yes}: resolves FAILED rows and accepts edited applied files, as
 * {@code cairn repair}; every change is logged before it is made.
 */
@Mojo(name = "repair", requiresProject = false, threadSafe = true)
public final class RepairMojo extends ConfirmedMojo {

    @Override
    protected void run(Cairn cairn) {
        Confirmation confirmation = confirmation();
        Repair.Result r = cairn.repair(changes -> {
            changes.forEach(c -> getLog().info("  " + c.version() + " " + c.script() + ": " + c.detail()));
            confirmation.require("make " + changes.size() + (changes.size() == 1 ? " repair" : " repairs"),
                    cairn.configuration().connection().database());
            return true;
        });
        getLog().info(r.changes().isEmpty() ? "nothing to repair" : "repaired " + r.changes().size()
                + (r.changes().size() == 1 ? " row" : " rows"));
    }
}
