package dev.cairn.jdbc;

import dev.cairn.config.ConnectionSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Connections whose {@code search_path} is one schema, for a run inside a tenant's schema: objects a
 * migration creates without a schema land there, and nowhere else (not even {@code public}). Set as a
 * session setting right after connecting, so Cairn's session reset after each script puts it back.
 * The schema name travels as a bound value, quoted by the server.
 */
final class SchemaConnections implements ConnectionSource {

    private final ConnectionSource source;
    private final String schema;

    SchemaConnections(ConnectionSource source, String schema) {
        this.source = source;
        this.schema = schema;
    }

    @Override
    public Connection open() {
        Connection c = source.open();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_catalog.set_config('search_path', pg_catalog.quote_ident(?), false)")) {
            ps.setString(1, schema);
            ps.execute();
            return c;
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Failing already; the connection is of no further use.
            }
            throw Jdbc.failed("cannot set search_path to schema " + schema + " on " + describe(), e);
        }
    }

    @Override
    public boolean lent() {
        return source.lent();
    }

    @Override
    public String describe() {
        return source.describe() + ", schema " + schema;
    }

    @Override
    public String database() {
        return source.database();
    }
}
