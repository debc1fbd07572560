package dev.cairn.jdbc;

import dev.cairn.error.CairnException;
import java.sql.SQLException;

/** The one place where {@link SQLException} becomes something Cairn reports. */
public final class Jdbc {

    private Jdbc() {
    }

    /** What the server said, with the error position when the driver knows it. */
    public static DatabaseError error(SQLException e) {
        SQLException first = e;
        if (e.getNextException() != null && e instanceof java.sql.BatchUpdateException) {
            first = e.getNextException();
        }
        String state = first.getSQLState() == null ? "" : first.getSQLState();
        for (DriverSupport driver : DriverSupport.installed()) {
            java.util.Optional<DatabaseError> said = driver.error(first, state);
            if (said.isPresent()) {
                return said.get();
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
}
