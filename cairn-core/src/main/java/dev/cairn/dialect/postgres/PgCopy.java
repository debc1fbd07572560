package dev.cairn.dialect.postgres;

import dev.cairn.dialect.Copy;
import java.sql.Connection;
import java.sql.SQLException;

/** COPY through pgjdbc's copy API. */
final class PgCopy implements Copy {

    @Override
    public long copyOut(Connection connection, String sql) throws SQLException {
        try {
            return connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                    .copyOut(sql, java.io.Writer.nullWriter());
        } catch (java.io.IOException e) {
            throw new SQLException("COPY output could not be read: " + e.getMessage(), "08006", e);
        }
    }

    @Override
    public long copyIn(Connection connection, String sql, String data) throws SQLException {
        try {
            return connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                    .copyIn(sql, new java.io.StringReader(data));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY data could not be sent: " + e.getMessage(), "08006", e);
        }
    }
}
