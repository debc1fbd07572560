package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.lint.Finding;
import dev.cairn.lint.LintOptions;
import dev.cairn.lint.LintResult;
import dev.cairn.lint.Severity;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn cairn:lint}: dangerous DDL in the pending migrations, as {@code cairn lint}: each statement
 * observed on a scratch database built from the applied migrations, or static rules only with
 * {@code <staticOnly>}. Findings go to the build log (errors as errors, warnings as warnings); an
 * error-level finding (exit 4 of the CLI) fails the build. The target is only read.
 */
@Mojo(name = "lint", requiresProject = false, threadSafe = true)
public final class LintMojo extends AbstractCairnMojo {

    /** Static rules only: no scratch database (as the CLI's --static, on the pending migrations). */
    @Parameter(property = "cairn.static", defaultValue = "false")
    boolean staticOnly;

    /** A server where Cairn may create (and drop) a temporary database; default: the target's own. */
    @Parameter(property = "cairn.scratchUrl")
    String scratchUrl;

    @Override
    protected void run(Cairn cairn) throws MojoFailureException {
        // The [lint] section of cairn.toml (its [env.NAME] one first), as the CLI reads it.
        LintOptions options = dev.cairn.toml.LintSettings.of(projectConfig().file(), environment()).options();
        LintResult r = staticOnly ? cairn.lintStatic(options)
                : scratchUrl == null || scratchUrl.isBlank() ? cairn.lint(options) : cairn.lint(scratchUrl, options);
        for (Finding f : r.findings()) {
            String line = file(f.file()) + ":" + f.line() + ":" + f.column() + " " + f.severity().label() + " " + f.rule()
                    + ": " + redact(f.message(MavenHost.HOST)) + (f.safer(MavenHost.HOST).isBlank() ? "" : "\n  safer: "
                    + redact(f.safer(MavenHost.HOST).strip()).replace("\n", "\n  "));
            switch (f.severity()) {
                case ERROR -> getLog().error(line);
                case WARNING -> getLog().warn(line);
                default -> getLog().info(line);
            }
        }
        r.unused().forEach(u -> getLog().warn("unused ignore: " + file(u.where()) + (u.line() > 0 ? ":" + u.line() : "")
                + " " + u.rule() + ": " + u.reason()));
        String summary = r.summary();
        if (r.failed()) {
            throw new MojoFailureException(summary);
        }
        getLog().info(summary);
    }

    /** A file under the project as a relative path, as the CLI shows one under the working directory. */
    private String file(String name) {
        Path p = Path.of(name).toAbsolutePath().normalize();
        Path base = basedir.toPath().toAbsolutePath().normalize();
        return p.startsWith(base) ? base.relativize(p).toString() : name;
    }

}
