package dev.cairn.jdbc;

import dev.cairn.config.ConnectionSource;
import dev.cairn.config.DatabaseUrl;
import dev.cairn.error.CairnException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connections opened from a URL. A driver Cairn knows ({@link DriverSupport}) is picked by the URL's
 * scheme rather than by a {@link DriverManager} scan, which loads every driver on the class path.
 */
final class UrlConnections implements ConnectionSource {

    private final DatabaseUrl url;
    private final String applicationName;
    private volatile Driver driver;

    UrlConnections(DatabaseUrl url, String applicationName) {
        this.url = url;
        this.applicationName = applicationName;
    }

    @Override
    public Connection open() {
        Properties props = url.properties();
        props.putIfAbsent("ApplicationName", applicationName);
        try {
            checkParameters(props);
            Connection c = driver().connect(url.jdbcUrl(), props);
            if (c == null) {
                throw CairnException.usage("config.url", "no JDBC driver accepts " + url.display());
            }
            return c;
        } catch (SQLException e) {
            throw Jdbc.connectFailed(describe(), e);
        }
    }

    /**
     * Every parameter of the URL, in a libpq URI or in a JDBC URL's query, is one the driver knows
     * ({@link Driver#getPropertyInfo}), so a typo such as {@code sslmod=require} is an error instead of
     * a silently unencrypted connection.
     */
    private void checkParameters(Properties props) throws SQLException {
        java.util.Set<String> known = new java.util.TreeSet<>();
        for (java.sql.DriverPropertyInfo info : driver().getPropertyInfo(url.jdbcUrl(), new Properties())) {
            known.add(info.name);
        }
        if (known.isEmpty()) {
            return;
        }
        java.util.Set<String> names = new java.util.TreeSet<>(props.stringPropertyNames());
        names.addAll(url.parameters().keySet());
        for (String name : names) {
            if (!known.contains(name) && !name.equals("database")) {
                throw CairnException.usage("config.url", "database URL: unknown connection parameter '" + name
                        + "'; check its spelling (libpq names such as sslmode, application_name, connect_timeout,"
                        + " search_path, or the driver's own such as prepareThreshold)");
            }
        }
    }

    private Driver driver() throws SQLException {
        Driver d = driver;
        if (d != null) {
            return d;
        }
        java.util.Optional<DriverSupport> known = DriverSupport.installed().stream()
                .filter(s -> s.accepts(url.jdbcUrl())).findFirst();
        d = known.isPresent() ? known.get().driver() : DriverManager.getDriver(url.jdbcUrl());
        driver = d;
        return d;
    }

    @Override
    public String database() {
        return url.database();
    }

    @Override
    public boolean lent() {
        return false;
    }

    @Override
    public String describe() {
        return url.display();
    }
}
