package dev.cairn.dialect;

import java.time.Duration;
import java.time.Instant;

/**
 * The row of the lease lock table: who holds the lock and until when. Times are the server's, so a
 * runner with a wrong clock cannot shorten or lengthen anyone's lease.
 *
 * @param token           random per acquisition; only the runner that wrote it renews or releases the row
 * @param host            the holder's host name
 * @param pid             the holder's operating-system process id
 * @param applicationName the holder's session name on the server
 * @param acquiredAt      when the holder took the lease
 * @param renewedAt       when its heartbeat last renewed it
 * @param expiresAt       when another runner may take it over
 * @param readAt          the server's clock when the row was read, to tell whether it is live
 */
public record Lease(String token, String host, long pid, String applicationName, Instant acquiredAt,
                    Instant renewedAt, Instant expiresAt, Instant readAt) {

    /** Whether the lease has not expired yet: its runner renewed it within the TTL, so it is probably alive. */
    public boolean live() {
        return expiresAt.isAfter(readAt);
    }

    /** Until expiry, negative once expired. */
    public Duration expiresIn() {
        return Duration.between(readAt, expiresAt);
    }

    /** The holder as lock waits report it. */
    public LockHolder holder() {
        return new LockHolder((int) pid, applicationName, host, acquiredAt);
    }

    /** {@code pid 4242 on build-7 (cairn/0.1.0 build-7 pid 4242), acquired …, renewed …, expires at … (in 25s)}. */
    public String describe() {
        long s = expiresIn().toSeconds();
        return "pid " + pid + " on " + host + " (" + (applicationName.isEmpty() ? "no application_name" : applicationName)
                + "), acquired " + acquiredAt + ", renewed " + renewedAt + ", "
                + (live() ? "expires at " + expiresAt + " (in " + Math.max(s, 0) + "s)"
                : "expired at " + expiresAt + " (" + Math.max(-s, 0) + "s ago)");
    }
}
