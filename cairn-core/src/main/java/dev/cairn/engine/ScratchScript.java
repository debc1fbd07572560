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
        SqlStatement current = null;
        try {
            c.setAutoCommit(!transactional);
            try (Statement st = c.createStatement()) {
                for (SqlStatement statement : statements) {
                    current = statement;
                    if (statement.isCopyFromStdin()) {
                        dialect.require(Copy.class, "COPY ... FROM STDIN").copyIn(c, statement.sql(), statement.copyData());
                    } else {
                        st.execute(statement.sql());
                    }
                }
            }
            if (transactional) {
                c.commit();
            }
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("RESET ALL");
                st.execute("RESET ROLE");
            }
        } catch (SQLException e) {
            try {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // The script has failed already; that is what is reported.
            }
            throw new Failed(name + (current == null ? "" : ":" + current.line()), Jdbc.error(e).describe(), e);
        }
    }
}
