package dev.cairn.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Capability: running a {@code COPY ... FROM STDIN} statement with the data that follows it in a
 * script (as psql does), and {@code COPY ... TO STDOUT}. Without it, a script holding such a
 * statement stops with a usage error before it runs.
 */
public interface Copy {

    /**
     * Runs a {@code COPY ... FROM STDIN} statement with its data through the driver's copy API.
     *
     * @return the number of rows copied
     */
    long copyIn(Connection connection, String sql, String data) throws SQLException;

    /** Runs a {@code COPY ... TO STDOUT} statement, discarding its rows as psql -o /dev/null would. */
    long copyOut(Connection connection, String sql) throws SQLException;
}
