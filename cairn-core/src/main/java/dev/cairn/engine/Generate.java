package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.dialect.Catalog;
import dev.cairn.dialect.Dialect;
import dev.cairn.dialect.DialectFactory;
import dev.cairn.dialect.postgres.PgDependencies;
import dev.cairn.dialect.postgres.PgGenerator;
import dev.cairn.error.CairnException;
import dev.cairn.error.Next;
import dev.cairn.jdbc.Connections;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.migration.Migration;
import dev.cairn.schema.SchemaModel;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes the next migration from the difference between the schema the migrations build (every
 * migration file's up, replayed on a scratch database) and a desired schema: the configured
 * database, another database, or a SQL file applied to a second scratch database. Scratch
 * databases are always dropped; the desired database is only read, except that the new migration
 * is recorded in its history when it is the configured one (its changes are already there).
 */
public final class Generate {

    private final Configuration config;
    private final DatabaseUrl scratchServer;
    private final String applicationName;
    private final Clock clock;

    public Generate(Configuration config, DatabaseUrl scratchServer, String applicationName, Clock clock) {
        this.config = config;
        this.scratchServer = scratchServer;
        this.applicationName = applicationName;
        this.clock = clock;
    }

    public GenerateResult run(GenerateRequest request) {
        NewMigration.checkName(request.name());
        if (request.toSchema().isPresent() && request.toUrl().isPresent()) {
            throw CairnException.usage("generate.desired", "give " + Next.setting("to-schema", "FILE") + " or "
                    + Next.setting("to-url", "URL") + ", not both");
        }
        List<Migration> files = Discover.valid(config);
        boolean configured = request.toSchema().isEmpty() && request.toUrl().isEmpty();
        Set<String> cairnTables;
        String cairnSchema;
        PgGenerator.Side desired;
        try (Session db = Session.open(config)) {
            cairnTables = Snapshot.cairnTables(db.table);
            cairnSchema = db.table.schema().orElse("public");
            if (configured) {
                List<Migration> pending = db.history.exists(db.connection)
                        ? Pending.select(new Ledger(files, db.rows()), MigrateOptions.defaults()) : files;
                if (!pending.isEmpty()) {
                    throw CairnException.usage("generate.pending", pending.size() + " migration"
                            + (pending.size() == 1 ? " is" : "s are") + " not applied to the database yet (first: "
                            + pending.get(0).script() + "); the database is the desired schema, so apply them"
                            + " first (" + Next.action("migrate") + ") or give " + Next.setting("to-schema", "FILE")
                            + " / "
                            + Next.setting("to-url", "URL") + ". Nothing was generated");
                }
                desired = side(db.connection, db.dialect, cairnTables);
            } else {
                desired = request.toUrl().isPresent() ? fromUrl(request.toUrl().get(), cairnTables)
                        : fromFile(request.toSchema().get(), cairnTables);
            }
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the desired schema", e);
        }
        PgGenerator.Side current = replayed(files, cairnTables);
        desired = withoutCairnSchema(desired, current, cairnSchema);
        List<PgGenerator.Rename> renames = GenerateRenames.resolve(current.model(), desired.model(), request);
        PgGenerator.Generated g = PgGenerator.generate(current, desired,
                new PgGenerator.Options(request.unsafeFast(), renames));
        if (g.isEmpty()) {
            return new GenerateResult(false, request.dryRun(), List.of(), List.of(), List.of(), List.of(), false);
        }
        return GenerateFiles.write(config, clock, request, g, configured);
    }

    private static PgGenerator.Side side(Connection c, Dialect dialect, Set<String> excluded) throws SQLException {
        return new PgGenerator.Side(dialect.require(Catalog.class, "generate").schema(c, excluded), PgDependencies.read(c));
    }

    private PgGenerator.Side fromUrl(String url, Set<String> excluded) {
        DatabaseUrl target = DatabaseUrl.parse(url);
        try (Connection c = Connections.of(target, applicationName).open()) {
            return side(c, DialectFactory.of(c), excluded);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the desired schema from " + target.target(), e);
        }
    }

    /** Applies the file, statement by statement, to a scratch database and reads it. */
    private PgGenerator.Side fromFile(Path file, Set<String> excluded) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CairnException.usage("generate.schema-file", Next.setting("to-schema", file.toString())
                    + ": no such file");
        } catch (IOException e) {
            throw CairnException.usage("generate.schema-file", "cannot read "
                    + Next.setting("to-schema", file.toString()) + ": " + e.getMessage());
        }
        try (ScratchSession scratch = ScratchSession.open(scratchServer, applicationName)) {
            try {
                ScratchScript.run(scratch.connection, scratch.dialect, file.toString(),
                        SqlSplitter.split(new SqlSource(file.toString(), text, 1)), false);
            } catch (ScratchScript.Failed e) {
                throw new CairnException(CairnException.Kind.FAILED, "generate.schema-file", e.where + ": " + e.reason
                        + "; the desired schema could not be built on a scratch database (dropped). Nothing was"
                        + " generated", e.getCause());
            }
            return side(scratch.connection, scratch.dialect, excluded);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the desired schema's scratch database", e);
        }
    }

    /** Every migration file's up, in order, on a scratch database: the schema the migrations build. */
    private PgGenerator.Side replayed(List<Migration> files, Set<String> excluded) {
        try (ScratchSession scratch = ScratchSession.open(scratchServer, applicationName)) {
            for (Migration m : files) {
                try {
                    scratch.run(m, m.up());
                } catch (ScratchScript.Failed e) {
                    throw new CairnException(CairnException.Kind.FAILED, "generate.replay", "migration "
                            + m.version() + " (" + e.where + ") failed when replayed on the scratch database: "
                            + e.reason + "; nothing was generated and the scratch database was dropped", e.getCause());
                }
            }
            return side(scratch.connection, scratch.dialect, excluded);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the scratch database's schema", e);
        }
    }

    /** Cairn makes the schema of its history table itself (--table ops.cairn_history): not part of the schema. */
    private static PgGenerator.Side withoutCairnSchema(PgGenerator.Side desired, PgGenerator.Side current,
                                                       String cairnSchema) {
        SchemaModel m = desired.model();
        if (current.model().schemas().stream().anyMatch(s -> s.name().equals(cairnSchema))) {
            return desired;
        }
        List<SchemaModel.Schema> schemas = new ArrayList<>(m.schemas());
        schemas.removeIf(s -> s.name().equals(cairnSchema) && !cairnSchema.equals("public"));
        return new PgGenerator.Side(new SchemaModel(schemas, m.extensions(), m.tables(), m.views(), m.sequences(),
                m.routines(), m.types(), m.grants()), desired.dependencies());
    }
}
