package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.engine.Snapshot;
import dev.cairn.schema.SchemaModel;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn cairn:snapshot}: writes the live schema as DATABASE.md (or JSON), as {@code cairn
 * snapshot --out FILE}; reads only.
 */
@Mojo(name = "snapshot", requiresProject = false, threadSafe = true)
public final class SnapshotMojo extends AbstractCairnMojo {

    /** The file written, relative to the project; default DATABASE.md. */
    @Parameter(property = "cairn.snapshot.out", defaultValue = "DATABASE.md")
    String out;

    /** The model as JSON instead of Markdown. */
    @Parameter(property = "cairn.snapshot.json", defaultValue = "false")
    boolean json;

    /** Every role's privileges too. */
    @Parameter(property = "cairn.grants", defaultValue = "false")
    boolean grants;

    @Override
    protected void run(Cairn cairn) {
        File file = new File(out).isAbsolute() ? new File(out) : new File(basedir, out);
        SchemaModel m = cairn.snapshot(file.toPath(), json ? Snapshot.Format.JSON : Snapshot.Format.MARKDOWN, grants);
        getLog().info("wrote " + out + ": " + m.tables().size() + " tables, " + m.views().size() + " views, "
                + m.routines().size() + " functions, " + m.types().size() + " types, " + m.sequences().size()
                + " sequences");
    }
}
