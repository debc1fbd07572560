package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.engine.GenerateRequest;
import dev.cairn.engine.GenerateResult;
import dev.cairn.error.CairnException;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn cairn:generate -Dcairn.name=NAME}: writes the next migration from the difference between the
 * schema the migration files build and the desired one, as {@code cairn generate NAME}: the configured
 * database (the new migration is then recorded there as applied, unless {@code <noRecord>}),
 * {@code <toSchema>} or {@code <toUrl>}. No questions are asked: renames are never guessed.
 */
@Mojo(name = "generate", requiresProject = false, threadSafe = true)
public final class GenerateMojo extends AbstractCairnMojo {

    /** The new migration's name: lowercase words joined by underscores. */
    @Parameter(property = "cairn.name")
    String name;

    /** A SQL file with the desired schema, relative to the project. */
    @Parameter(property = "cairn.toSchema")
    String toSchema;

    /** A database with the desired schema (only read). */
    @Parameter(property = "cairn.toUrl")
    String toUrl;

    /** Print the files instead of writing them; record nothing. */
    @Parameter(property = "cairn.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Leave the new migration pending on the configured database. */
    @Parameter(property = "cairn.noRecord", defaultValue = "false")
    boolean noRecord;

    /** A server where Cairn may create (and drop) temporary databases; default: the target's own. */
    @Parameter(property = "cairn.scratchUrl")
    String scratchUrl;

    @Override
    protected void run(Cairn cairn) {
        if (name == null || name.isBlank()) {
            throw CairnException.usage("cli.generate-name", "no name for the new migration; set <name> or"
                    + " -Dcairn.name=add_ratings");
        }
        Optional<Path> schema = Optional.ofNullable(toSchema).filter(s -> !s.isBlank())
                .map(s -> new File(s).isAbsolute() ? Path.of(s) : basedir.toPath().resolve(s));
        GenerateRequest request = new GenerateRequest(name.strip(), schema,
                Optional.ofNullable(toUrl).filter(u -> !u.isBlank()), !noRecord, dryRun, false, List.of(), c -> false);
        GenerateResult r = scratchUrl == null || scratchUrl.isBlank() ? cairn.generate(request)
                : cairn.generate(scratchUrl, request);
        if (!r.generated()) {
            getLog().info("no differences: nothing generated");
            return;
        }
        for (GenerateResult.File f : r.files()) {
            getLog().info(r.dryRun() ? "-- " + f.path() + "\n" + f.text().stripTrailing() : "created " + f.path());
        }
        r.dropsData().forEach(d -> getLog().warn("drops data: " + d + " (the up says so: -- cairn: drops data)"));
        r.notGenerated().forEach(n -> getLog().warn("not generated: write it by hand: " + n.kind() + " " + n.object()
                + " (its definition is a comment in the file)"));
        if (r.downLeftOut()) {
            getLog().info("drizzle-kit keeps no down scripts: the down was not written");
        }
        if (!r.recorded().isEmpty()) {
            getLog().info("recorded as applied on the database (it already has these changes): "
                    + String.join(", ", r.recorded()));
        }
    }
}
