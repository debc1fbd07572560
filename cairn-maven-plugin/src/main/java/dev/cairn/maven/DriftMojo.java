package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.engine.DriftResult;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn cairn:drift}: replays the applied migrations on a scratch database and compares, as
 * {@code cairn drift}. Drift (exit 4 of the CLI) fails the build, one line per difference. There is
 * no embedded fallback: the role needs CREATEDB on the target's server, or give {@code <scratchUrl>}.
 */
@Mojo(name = "drift", requiresProject = false, threadSafe = true)
public final class DriftMojo extends AbstractCairnMojo {

    /** A server where Cairn may create (and drop) a temporary database; default: the target's own. */
    @Parameter(property = "cairn.scratchUrl")
    String scratchUrl;

    /** Compare every role's privileges too. */
    @Parameter(property = "cairn.grants", defaultValue = "false")
    boolean grants;

    @Override
    protected void run(Cairn cairn) throws MojoFailureException {
        DriftResult r = cairn.drift(scratchUrl == null ? "" : scratchUrl, grants);
        if (!r.drifted()) {
            getLog().info("no drift: the schema matches the " + r.replayed() + " applied migrations replayed on a"
                    + " scratch database");
            return;
        }
        r.differences().forEach(d -> getLog().error(DriftResult.describe(d)));
        throw new MojoFailureException(r.differences().size() + " differences between the database and its "
                + r.replayed() + " applied migrations:\n" + r.differences().stream().map(DriftResult::describe)
                .collect(Collectors.joining("\n")));
    }
}
