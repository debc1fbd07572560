package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.dialect.Catalog;
import dev.cairn.history.History;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.schema.SchemaDiff;
import dev.cairn.schema.SchemaModel;
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
        try (ScratchSession scratch = ScratchSession.replayed(scratchServer, applicationName, scripts)) {
            replayed = dialect.require(Catalog.class, "drift").schema(scratch.connection, cairnTables, grants);
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
}
