package dev.cairn.maven;

import dev.cairn.Cairn;
import dev.cairn.engine.BackupRequest;
import dev.cairn.engine.MigrateOptions;
import dev.cairn.engine.MigrateResult;
import dev.cairn.engine.Reference;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** {@code mvn cairn:migrate}: applies every pending migration, as {@code cairn migrate}. */
@Mojo(name = "migrate", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public final class MigrateMojo extends AbstractCairnMojo {

    /** Apply nothing above this version. */
    @Parameter(property = "cairn.target")
    String target;

    /** Run the whole pending set in one transaction. */
    @Parameter(property = "cairn.singleTransaction", defaultValue = "false")
    boolean singleTransaction;

    /**
     * Back up with pg_dump into ${project.basedir}/backups before applying anything; by default on in
     * a protected environment (production, prod), as in the CLI.
     */
    @Parameter(property = "cairn.backup")
    Boolean backup;

    @Override
    protected void run(Cairn cairn) {
        MigrateOptions opts = new MigrateOptions(Optional.ofNullable(target).filter(t -> !t.isBlank())
                .map(Reference::of), false, singleTransaction); // out of order: <outOfOrder>, in the configuration
        MigrateResult r;
        if (backup != null ? backup : protectedEnvironment()) {
            // As the CLI: Cairn's own backups older than 7 days are deleted after a successful backup.
            var result = cairn.migrate(opts, BackupRequest.to(basedir.toPath().resolve("backups"))
                    .withEnvironment(System.getenv()).keeping(java.time.Duration.ofDays(7)));
            result.backup().ifPresent(b -> getLog().info("backed up " + b.database() + " to " + b.file()
                    + " before migrating"));
            r = result.migrate();
        } else {
            r = cairn.migrate(opts);
        }
        if (r.upToDate()) {
            getLog().info("up to date: no pending migrations");
        } else {
            long ms = r.applied().stream().mapToLong(a -> a.duration().toMillis()).sum();
            getLog().info("applied " + r.applied().size() + (r.applied().size() == 1 ? " migration" : " migrations")
                    + " in " + ms + " ms (batch " + r.batch() + ")");
        }
    }
}
