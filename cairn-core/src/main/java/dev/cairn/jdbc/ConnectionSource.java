package dev.cairn.jdbc;

import dev.cairn.config.DatabaseUrl;
import java.sql.Connection;
import javax.sql.DataSource;

/** Where Cairn's connections come from: the application's {@link DataSource}, or a URL. */
public interface ConnectionSource {

    /**
     * Opens a new connection.
     *
     * @throws dev.cairn.error.CairnException when the database cannot be reached (exit 1)
     */
    Connection open();

    /**
     * Whether connections are lent by the application (its pool or data source) and so go back with
     * their session as they were handed over; a connection opened from a URL is simply closed.
     */
    boolean lent();

    /** How messages name the database; never contains a password. */
    String describe();

    /** The database's name, as confirmations ask for it. */
    String database();

    /**
     * The one schema a run works in (its whole search path), set up by the dialect as one of Cairn's
     * own session settings; empty for the search path as the connections come.
     */
    default java.util.Optional<String> schema() {
        return java.util.Optional.empty();
    }

    /** Connections from the application's pool or data source. */
    static ConnectionSource of(DataSource dataSource) {
        return new DataSourceConnections(dataSource);
    }

    /** Connections opened from a URL, named {@code applicationName} on the server. */
    static ConnectionSource of(DatabaseUrl url, String applicationName) {
        return new UrlConnections(url, applicationName);
    }

    /** Connections of {@code source} for a run whose search path is {@code schema} alone (see {@link #schema()}). */
    static ConnectionSource inSchema(ConnectionSource source, String schema) {
        return new SchemaConnections(source, schema);
    }
}
