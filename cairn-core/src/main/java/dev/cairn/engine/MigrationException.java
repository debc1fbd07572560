package dev.cairn.engine;

import dev.cairn.error.CairnException;

/** A migration's SQL failed (exit 1); the {@link Failure} says where and why. */
public final class MigrationException extends CairnException {

    private final transient Failure failure;

    MigrationException(Failure failure, String message, Throwable cause) {
        super(Kind.FAILED, "migration.failed", message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
