package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.engine.Baseline;
import dev.cairn.error.CairnException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn cairn:baseline -Dcairn.baselineVersion=003}: records every migration up to that version
 * as applied without running it, as {@code cairn baseline --version 003}. Only when nothing is applied
 * yet; like the CLI it asks for no confirmation (it refuses a history that has applied migrations).
 */
@Mojo(name = "baseline", requiresProject = false, threadSafe = true)
public final class BaselineMojo extends AbstractCairnMojo {

    /** The last migration the database already has (the CLI's --version). */
    @Parameter(property = "cairn.baselineVersion")
    String baselineVersion;

    @Override
    protected void run(Cairn cairn) {
        if (baselineVersion == null || baselineVersion.isBlank()) {
            throw CairnException.usage("cli.usage", "baseline needs the last migration the database already has:"
                    + " <baselineVersion>003</baselineVersion> or -Dcairn.baselineVersion=003");
        }
        Baseline.Result r = cairn.baseline(version(baselineVersion, "<baselineVersion>"));
        getLog().info("recorded " + r.versions().size() + " migration(s) as applied without running them: "
                + String.join(", ", r.versions()) + " (batch " + r.batch() + ")");
    }
}
