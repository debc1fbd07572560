package dev.cairn.engine;

import java.util.Objects;

/**
 * What {@code unlock} may clear, and who approves it.
 *
 * @param force   clear a lease that is still live (renewed within its TTL), whose runner is probably alive
 * @param approve shown what is held ({@code cleared} false) before anything changes; false refuses (exit 6)
 */
public record UnlockRequest(boolean force, Approval<UnlockResult> approve) {

    public UnlockRequest {
        Objects.requireNonNull(approve, "approve");
    }
}
