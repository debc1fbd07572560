package dev.cairn.engine;

import java.util.Optional;

/**
 * How to migrate.
 *
 * @param target            apply nothing above this migration: a version, or a migration's file name or name
 * @param outOfOrder        allow pending versions below the newest applied one
 * @param singleTransaction run the whole pending set in one transaction: all of it or nothing
 */
public record MigrateOptions(Optional<Reference> target, boolean outOfOrder, boolean singleTransaction) {

    public MigrateOptions(Optional<Reference> target, boolean outOfOrder) {
        this(target, outOfOrder, false);
    }

    public static MigrateOptions defaults() {
        return new MigrateOptions(Optional.empty(), false, false);
    }
}
