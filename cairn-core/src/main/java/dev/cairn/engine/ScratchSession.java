package dev.cairn.engine;

import dev.cairn.config.DatabaseUrl;
import dev.cairn.dialect.Dialect;
import dev.cairn.dialect.DialectFactory;
import dev.cairn.dialect.postgres.PgScratch;
import dev.cairn.error.CairnException;
import dev.cairn.history.History;
import dev.cairn.migration.Migration;
import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A scratch database and the session on it, what drift, lint, verify and generate build schemas on:
 * created empty on the scratch server, worked on in autocommit, its dialect and server version read
 * once. Closing ends the session and drops the database.
 */
final class ScratchSession implements AutoCloseable {

    private final PgScratch db;
    final Connection connection;
    final Dialect dialect;
    final int major;

    private ScratchSession(PgScratch db, Connection connection, Dialect dialect, int major) {
        this.db = db;
        this.connection = connection;
        this.dialect = dialect;
        this.major = major;
    }

    /** Creates a scratch database on {@code server} and opens a session on it. */
    static ScratchSession open(DatabaseUrl server, String applicationName) throws SQLException {
        PgScratch db = PgScratch.create(server, applicationName);
        Connection c = null;
        try {
            c = db.connection().open();
            c.setAutoCommit(true);
            return new ScratchSession(db, c, DialectFactory.of(c), c.getMetaData().getDatabaseMajorVersion());
        } catch (SQLException | RuntimeException | Error e) {
            if (c != null) {
                closeQuietly(c);
            }
            db.close();
            throw e;
        }
    }

    /** Creates a scratch database with the applied migrations replayed on it as recorded (see {@link #replay}). */
    static ScratchSession replayed(DatabaseUrl server, String applicationName, List<History.AppliedScript> applied)
            throws SQLException {
        ScratchSession s = open(server, applicationName);
        try {
            s.replay(applied);
            return s;
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
    }

    /** The scratch database's name. */
    String name() {
        return db.name();
    }

    /** Runs the recorded up scripts in order, each as it ran: in a transaction when it did. */
    void replay(List<History.AppliedScript> scripts) {
        for (History.AppliedScript s : scripts) {
            try {
                ScratchScript.run(connection, dialect, s.script(),
                        SqlSplitter.split(new SqlSource(s.script(), s.upSql(), 1)), s.transactional());
            } catch (ScratchScript.Failed e) {
                throw new CairnException(CairnException.Kind.FAILED, "drift.replay", "migration " + s.version() + " ("
                        + e.where + ") failed when replayed from the history on the scratch database " + name() + ": "
                        + e.reason + "; the live database was not touched and the scratch database was dropped. A"
                        + " script that depends on data or on objects made outside the migrations cannot be replayed",
                        e.getCause());
            }
        }
    }

    /** Runs one of a migration's scripts (its up or its down) as {@code migrate} would plan it. */
    void run(Migration m, SqlSource script) throws ScratchScript.Failed {
        ScriptPlan plan = ScriptPlan.of(script, m.transaction(), dialect, major);
        ScratchScript.run(connection, dialect, script.name(), plan.statements(), plan.transactional());
    }

    @Override
    public void close() {
        try {
            closeQuietly(connection);
        } finally {
            db.close();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // The database is dropped next, which ends the session anyway.
        }
    }
}
