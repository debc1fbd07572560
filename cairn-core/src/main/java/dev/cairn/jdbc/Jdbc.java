package dev.cairn.jdbc;

import dev.cairn.error.CairnException;
import java.sql.SQLException;

/** The one place where {@link SQLException} becomes something Cairn reports. */
public final class Jdbc {

    private static final boolean PGJDBC = present("org.postgresql.util.PSQLException");

    private Jdbc() {
    }

    /** What the server said, with the error position when the driver knows it. */
    public static DatabaseError error(SQLException e) {
        SQLException first = e;
        if (e.getNextException() != null && e instanceof java.sql.BatchUpdateException) {
            first = e.getNextException();
        }
        String state = first.getSQLState() == null ? "" : first.getSQLState();
        if (PGJDBC) {
            DatabaseError pg = PgErrors.of(first, state);
            if (pg != null) {
                return pg;
            }
        }
        return new DatabaseError(state, String.valueOf(first.getMessage()), 0, "");
    }

    /** A database operation failed outside of a migration's SQL. */
    public static CairnException failed(String what, SQLException e) {
        return CairnException.failed("db.failed", what + ": " + error(e).describe(), e);
    }

    static CairnException connectFailed(String target, SQLException e) {
        DatabaseError error = error(e);
        return CairnException.failed("db.connect", "cannot connect to " + target + ": " + error.describe()
                + ("53300".equals(error.sqlState()) ? "; " + error.hint().orElseThrow()
                : "; check that the server is running and that the URL, user and password are right"), e);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Jdbc.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Kept apart so that nothing loads pgjdbc's classes when they are absent. */
    private static final class PgErrors {
        static DatabaseError of(SQLException e, String state) {
            if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
                var m = p.getServerErrorMessage();
                return new DatabaseError(state, String.valueOf(m.getMessage()), m.getPosition(),
                        m.getDetail() == null ? "" : m.getDetail());
            }
            return null;
        }
    }
}
