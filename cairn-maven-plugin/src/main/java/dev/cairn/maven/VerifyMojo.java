package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.engine.Verify;
import dev.cairn.engine.VerifyResult;
import dev.cairn.error.CairnException;
import dev.cairn.schema.SchemaDiff;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn cairn:verify}: round-trips every migration (up, down, up) on a scratch database, as
 * {@code cairn verify}. A migration that fails its round trip (exit 4 of the CLI) fails the build.
 * The goal is named verify; bind it to a phase yourself (it has no default phase).
 */
@Mojo(name = "verify", requiresProject = false, threadSafe = true)
public final class VerifyMojo extends AbstractCairnMojo {

    /** A server where Cairn may create (and drop) a temporary database; default: the target's own. */
    @Parameter(property = "cairn.scratchUrl")
    String scratchUrl;

    /** Only the pending migrations, on top of the applied ones. */
    @Parameter(property = "cairn.pending", defaultValue = "false")
    boolean pending;

    /** each (default) or all, as the CLI's --mode. */
    @Parameter(property = "cairn.mode", defaultValue = "each")
    String mode;

    @Override
    protected void run(Cairn cairn) throws MojoFailureException {
        Verify.Mode m = switch (mode) {
            case "each" -> Verify.Mode.EACH;
            case "all" -> Verify.Mode.ALL;
            default -> throw CairnException.usage("cli.mode", "<mode> is '" + mode + "'; give each or all");
        };
        VerifyResult r = scratchUrl == null || scratchUrl.isEmpty() ? cairn.verify(pending, m)
                : cairn.verify(scratchUrl, pending, m);
        long failed = 0;
        for (VerifyResult.Item i : r.migrations()) {
            String line = String.format("%-20s %s %s", i.outcome().label(), i.version(), i.script())
                    + (i.message().isEmpty() ? "" : ": " + redact(i.message()));
            if (i.outcome().failed()) {
                failed++;
                getLog().error(line);
                for (SchemaDiff.Difference d : i.differences()) {
                    getLog().error("  " + d.kind() + " " + d.object() + ": " + d.change().label());
                }
            } else {
                getLog().info(line);
            }
        }
        if (!r.passed()) {
            throw new MojoFailureException(failed + " of " + r.migrations().size() + " migrations failed verification");
        }
        getLog().info("verified " + r.migrations().size() + " migrations: every down undoes its up");
    }
}
