package dev.cairn.dialect;

/** A held migration lock; closing it releases the lock. */
public interface MigrationLock extends AutoCloseable {

    @Override
    void close();
}
