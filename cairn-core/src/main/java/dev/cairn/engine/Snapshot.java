package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.config.TableName;
import dev.cairn.dialect.Catalog;
import dev.cairn.error.CairnException;
import dev.cairn.history.SeedHistory;
import dev.cairn.jdbc.Jdbc;
import dev.cairn.schema.Markdown;
import dev.cairn.schema.SchemaJson;
import dev.cairn.schema.SchemaModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Set;

/** Reads the live database's schema model, and writes it as DATABASE.md. Reads only, takes no lock. */
public final class Snapshot {

    private final Configuration config;
    private final boolean grants;

    public Snapshot(Configuration config) {
        this(config, false);
    }

    /** With {@code grants}, the model and the documents carry every role's privileges too. */
    public Snapshot(Configuration config, boolean grants) {
        this.config = config;
        this.grants = grants;
    }

    /** The model of the configured database, without Cairn's own tables. */
    public SchemaModel read() {
        try (Session db = Session.open(config)) {
            return db.dialect.require(Catalog.class, "snapshot").schema(db.connection, cairnTables(db.table), grants);
        } catch (SQLException e) {
            throw Jdbc.failed("cannot read the schema from the catalog", e);
        }
    }

    /** How the schema is written. */
    public enum Format {
        /** DATABASE.md: per schema, each table with its columns, keys, indexes, foreign keys, triggers, policies. */
        MARKDOWN,
        /** The model as one JSON document. */
        JSON;

        /** The document for a model. */
        public String render(SchemaModel model) {
            return this == MARKDOWN ? Markdown.write(model) : SchemaJson.write(model);
        }
    }

    /** Writes the document to {@code file} (replacing it), creating its folder; returns the model written. */
    public SchemaModel write(Path file, Format format) {
        SchemaModel model = read();
        write(file, format.render(model));
        return model;
    }

    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = Files.createTempFile(parent, ".cairn-snapshot", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw CairnException.failed("snapshot.write", "cannot write the schema snapshot to " + file + ": "
                    + e.getMessage() + "; check that the folder exists and is writable", e);
        }
    }

    /**
     * The history table (resolved to its schema), its lock table and the seed history: never part of the model.
     * The lock table's name comes from {@link TableName#sibling}, as {@code LeaseTable} creates it, so a long
     * history name's shortened, hashed lock table is left out too.
     */
    static Set<String> cairnTables(TableName history) {
        String schema = history.schema().orElse("public");
        return Set.of(schema + "." + history.name(), schema + "." + history.sibling("_lock").name(),
                schema + "." + SeedHistory.NAME);
    }
}
