package dev.cairn.engine;

import dev.cairn.migration.Version;
import java.util.Optional;

/**
 * How to migrate.
 *
 * @param target            apply nothing above this version
 * @param outOfOrder        allow pending versions below the newest applied one
 * @param singleTransaction run the whole pending set in one transaction: all of it or nothing
 */
public record MigrateOptions(Optional<Version> target, boolean outOfOrder, boolean singleTransaction) {

    public MigrateOptions(Optional<Version> target, boolean outOfOrder) {
        this(target, outOfOrder, false);
    }

    public static MigrateOptions defaults() {
        return new MigrateOptions(Optional.empty(), false, false);
    }
}
