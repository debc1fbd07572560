package dev.cairn.jdbc;

import dev.cairn.config.ConnectionSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/** Connections borrowed from an application's data source. */
final class DataSourceConnections implements ConnectionSource {

    private final DataSource dataSource;

    DataSourceConnections(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Connection open() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw Jdbc.connectFailed(describe(), e);
        }
    }

    @Override
    public String database() {
        try (Connection c = open()) {
            return c.getCatalog() == null ? "" : c.getCatalog();
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the database name", e);
        }
    }

    @Override
    public boolean lent() {
        return true;
    }

    @Override
    public String describe() {
        return "the application's data source (" + dataSource.getClass().getSimpleName() + ")";
    }
}
