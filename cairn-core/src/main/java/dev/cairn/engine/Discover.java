package dev.cairn.engine;

import dev.cairn.config.Configuration;
import dev.cairn.migration.DirectoryScan;
import dev.cairn.migration.Discovery;
import dev.cairn.migration.Migration;
import java.util.List;

/** Reads the configured directories. */
final class Discover {

    private Discover() {
    }

    static Discovery all(Configuration config) {
        return new DirectoryScan(config.ignore(), config.migrationSettings()).scan(config.locations());
    }

    /** The migrations, or a usage error (exit 2) listing every problem with the files. */
    static List<Migration> valid(Configuration config) {
        return all(config).requireValid();
    }
}
