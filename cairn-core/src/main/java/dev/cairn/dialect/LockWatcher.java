package dev.cairn.dialect;

import java.time.Duration;
import java.util.Optional;

/** Told every few seconds while Cairn waits for another runner's lock. */
@FunctionalInterface
public interface LockWatcher {

    void waiting(Optional<LockHolder> holder, Duration waited);
}
