package dev.cairn.engine;

import dev.cairn.migration.Version;
import java.util.Optional;

/**
 * How to migrate.
 *
 * @param target     apply nothing above this version
 * @param outOfOrder allow pending versions below the newest applied one
 */
public record MigrateOptions(Optional<Version> target, boolean outOfOrder) {

    public static MigrateOptions defaults() {
        return new MigrateOptions(Optional.empty(), false);
    }
}
