package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.dialect.Catalog;
import dev.cairn.dialect.postgres.PgScratch;
import dev.cairn.error.CairnException;
import dev.cairn.history.History;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.schema.SchemaDiff;
import dev.cairn.schema.SchemaModel;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Compares the live schema with what its applied migrations build: their up scripts as recorded
 * in the history, in the order they were applied, replayed on a scratch database that is always
 * dropped afterwards. The live database is only read.
 */
public final class Drift {

    private final Configuration config;
    private final DatabaseUrl scratchServer;
    private final String applicationName;
    private final boolean grants;

    /**
     * @param scratchServer the server (and a database on it to connect to) where the scratch database is created
     */
    public Drift(Configuration config, DatabaseUrl scratchServer, String applicationName) {
        this(config, scratchServer, applicationName, false);
    }

    /** With {@code grants}, privileges granted or revoked outside the migrations are drift too. */
    public Drift(Configuration config, DatabaseUrl scratchServer, String applicationName, boolean grants) {
        this.config = config;
        this.scratchServer = scratchServer;
        this.applicationName = applicationName;
        this.grants = grants;
    }

    public DriftResult run() {
        SchemaModel live;
        List<History.AppliedScript> scripts;
        Set<String> cairnTables;
        String cairnSchema;
        dev.cairn.dialect.Dialect dialect;
        try (Session db = Session.open(config)) {
            dialect = db.dialect;
            cairnSchema = db.table.schema().orElse("");
            cairnTables = Snapshot.cairnTables(db.table);
            scripts = db.history.exists(db.connection) ? db.history.appliedScripts(db.connection) : List.of();
            live = db.dialect.require(Catalog.class, "drift").schema(db.connection, cairnTables, grants);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the schema and the history", e);
        }
        SchemaModel replayed;
        try (PgScratch scratch = PgScratch.create(scratchServer, applicationName);
             Connection c = scratch.connection().open()) {
            replay(c, dialect, scratch.name(), scripts);
            c.setAutoCommit(true);
            replayed = dialect.require(Catalog.class, "drift").schema(c, cairnTables, grants);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the scratch database's schema", e);
        }
        // Cairn creates the schema of its history table (--table ops.cairn_history) itself: not drift.
        List<SchemaDiff.Difference> differences = SchemaDiff.between(replayed, live).stream()
                .filter(d -> !(d.kind().equals("schema") && d.object().equals(cairnSchema)
                        && d.change() == SchemaDiff.Change.ADDED))
                .toList();
        return new DriftResult(!differences.isEmpty(), scripts.size(), differences);
    }

    /** Runs the recorded up scripts in order, each as it ran (also what {@code verify --pending} starts from). */
    static void replay(Connection c, dev.cairn.dialect.Dialect dialect, String scratch,
                       List<History.AppliedScript> scripts) {
        for (History.AppliedScript s : scripts) {
            replay(c, dialect, scratch, s);
        }
    }

    /** Runs one recorded up script as it ran: in a transaction when it did. */
    private static void replay(Connection c, dev.cairn.dialect.Dialect dialect, String scratch,
                               History.AppliedScript s) {
        try {
            ScratchScript.run(c, dialect, s.script(), SqlSplitter.split(new SqlSource(s.script(), s.upSql(), 1)),
                    s.transactional());
        } catch (ScratchScript.Failed e) {
            throw new CairnException(CairnException.Kind.FAILED, "drift.replay", "migration " + s.version() + " ("
                    + e.where + ") failed when replayed from the history on the scratch database " + scratch + ": "
                    + e.reason + "; the live database was not touched and the scratch database was dropped. A script that"
                    + " depends on data or on objects made outside the migrations cannot be replayed", e.getCause());
        }
    }
}
