package dev.cairn.engine;

import dev.cairn.dialect.Copy;
import dev.cairn.dialect.Dialect;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.sql.SqlStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Runs a script on a scratch database: in one transaction or statement by statement, then resets the session. */
final class ScratchScript {

    private ScratchScript() {
    }

    /** Why a script failed: the server's words and where. */
    static final class Failed extends Exception {
        /** file:line of the failing statement. */
        final String where;
        /** The server's SQLSTATE and message. */
        final String reason;

        Failed(String where, String reason, SQLException cause) {
            super(where + ": " + reason, cause);
            this.where = where;
            this.reason = reason;
        }
    }

    static void run(Connection c, Dialect dialect, String name, List<SqlStatement> statements, boolean transactional)
            throws Failed {
        try {
            if (transactional) {
                Transaction.run(c, () -> execute(c, dialect, name, statements));
            } else {
                Transaction.autocommit(c);
                execute(c, dialect, name, statements);
            }
            try (Statement st = c.createStatement()) {
                st.execute("RESET ALL");
                st.execute("RESET ROLE");
            }
        } catch (SQLException e) {
            throw failed(name, e);
        }
    }

    /** Runs the statements; a failing one is named by its line. */
    private static void execute(Connection c, Dialect dialect, String name, List<SqlStatement> statements)
            throws SQLException, Failed {
        try (Statement st = c.createStatement()) {
            for (SqlStatement statement : statements) {
                try {
                    if (statement.isCopyFromStdin()) {
                        dialect.require(Copy.class, "COPY ... FROM STDIN").copyIn(c, statement.sql(), statement.copyData());
                    } else {
                        st.execute(statement.sql());
                    }
                } catch (SQLException e) {
                    throw failed(name + ":" + statement.line(), e);
                }
            }
        }
    }

    private static Failed failed(String where, SQLException e) {
        return new Failed(where, Jdbc.error(e).describe(), e);
    }
}
