package dev.cairn.jdbc;

import dev.cairn.config.ConnectionSource;
import java.sql.Connection;
import java.util.Optional;

/**
 * Connections for a run inside a tenant's schema: objects a migration creates without a schema land
 * there, and nowhere else (not even {@code public}). The connections are the source's own; the
 * schema is one of Cairn's own session settings ({@link #schema()}), which the dialect sets up with
 * the others when the working session opens and after every script, per transaction behind a
 * pooler, and which gives way to the handed-over search path when the session goes back.
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
        return source.open();
    }

    @Override
    public Optional<String> schema() {
        return Optional.of(schema);
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
