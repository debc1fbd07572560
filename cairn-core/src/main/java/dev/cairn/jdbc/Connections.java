package dev.cairn.jdbc;

import dev.cairn.config.ConnectionSource;
import dev.cairn.config.DatabaseUrl;
import javax.sql.DataSource;

/** The {@link ConnectionSource}s Cairn knows: the application's data source, a URL, a schema of either. */
public final class Connections {

    private Connections() {
    }

    /** Connections from the application's pool or data source. */
    public static ConnectionSource of(DataSource dataSource) {
        return new DataSourceConnections(dataSource);
    }

    /** Connections opened from a URL, named {@code applicationName} on the server. */
    public static ConnectionSource of(DatabaseUrl url, String applicationName) {
        return new UrlConnections(url, applicationName);
    }

    /** Connections of {@code source} for a run whose search path is {@code schema} alone (see {@link ConnectionSource#schema()}). */
    public static ConnectionSource inSchema(ConnectionSource source, String schema) {
        return new SchemaConnections(source, schema);
    }
}
