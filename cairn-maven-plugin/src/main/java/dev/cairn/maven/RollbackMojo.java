package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.engine.RollbackRequest;
import dev.cairn.engine.RollbackResult;
import dev.cairn.error.CairnException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn cairn:rollback -Dcairn.yes}: undoes applied migrations, newest first, as
 * {@code cairn rollback}: by default the last batch; or {@code steps}, {@code to}, {@code batch}, {@code all}.
 */
@Mojo(name = "rollback", requiresProject = false, threadSafe = true)
public final class RollbackMojo extends ConfirmedMojo {

    /** The newest N applied migrations. */
    @Parameter(property = "cairn.steps")
    Integer steps;

    /** Every applied migration above this version. */
    @Parameter(property = "cairn.to")
    String to;

    /** The migrations of this batch. */
    @Parameter(property = "cairn.batch")
    Integer batch;

    /** Every applied migration. */
    @Parameter(property = "cairn.all", defaultValue = "false")
    boolean all;

    @Override
    protected void run(Cairn cairn) {
        Confirmation confirmation = confirmation();
        RollbackRequest request = new RollbackRequest(selection(), plan -> {
            plan.forEach(p -> getLog().info("to roll back: " + p.script() + " (batch " + p.batch() + ")"
                    + (p.computed() ? ", with the down computed at apply time" : "")));
            plan.stream().filter(RollbackRequest.Planned::computed).forEach(p -> getLog().warn(p.script()
                    + ": a computed down restores the schema, not data" + (p.notRestored().isEmpty() ? ""
                    : ": " + String.join(", ", p.notRestored()) + " come(s) back empty")));
            confirmation.require("roll back " + plan.size() + (plan.size() == 1 ? " migration" : " migrations"),
                    cairn.configuration().connection().database());
            return true;
        });
        RollbackResult r = cairn.rollback(request);
        getLog().info(r.nothingToDo() ? "nothing to roll back" : "rolled back " + r.rolledBack().size()
                + (r.rolledBack().size() == 1 ? " migration" : " migrations"));
    }

    private RollbackRequest.Selection selection() {
        int given = (steps != null ? 1 : 0) + (to != null && !to.isBlank() ? 1 : 0) + (batch != null ? 1 : 0)
                + (all ? 1 : 0);
        if (given > 1) {
            throw CairnException.usage("cli.usage", "give at most one of <steps>, <to>, <batch> and <all>"
                    + " (-Dcairn.steps, -Dcairn.to, -Dcairn.batch, -Dcairn.all)");
        }
        if (steps != null) {
            return new RollbackRequest.Selection.Steps(steps);
        }
        if (to != null && !to.isBlank()) {
            return new RollbackRequest.Selection.To(dev.cairn.engine.Reference.of(to));
        }
        if (batch != null) {
            return new RollbackRequest.Selection.Batch(batch);
        }
        return all ? new RollbackRequest.Selection.All() : new RollbackRequest.Selection.LastBatch();
    }
}
