package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.engine.ValidateResult;
import dev.cairn.migration.Problem;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code mvn cairn:validate}: checks files against the history, as {@code cairn validate}. Problems
 * (exit 4 of the CLI) fail the build, one {@code invalid:} line each.
 */
@Mojo(name = "validate", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public final class ValidateMojo extends AbstractCairnMojo {

    @Override
    protected void run(Cairn cairn) throws MojoFailureException {
        ValidateResult v = cairn.validate();
        if (v.valid()) {
            getLog().info("valid: " + v.migrations() + " migrations, no problems");
            return;
        }
        v.problems().forEach(p -> getLog().error("invalid: " + redact(p.template())));
        throw new MojoFailureException(v.problems().stream().map(Problem::template).map(this::redact)
                .map(m -> "invalid: " + m).collect(Collectors.joining("\n")));
    }
}
