package dev.cairn.dialect;

import java.time.Instant;

/**
 * A server session that holds the advisory migration lock, or belongs to the same runner, as
 * {@code pg_stat_activity} shows it.
 *
 * @param pid             the backend process id
 * @param applicationName its application_name (Cairn names itself, its host and pid)
 * @param clientAddress   its client address, or {@code local} for a socket
 * @param since           when the session started
 * @param state           {@code active}, {@code idle}, {@code idle in transaction}, …
 * @param query           its current or last statement
 */
public record LockSession(int pid, String applicationName, String clientAddress, Instant since, String state,
                          String query) {

    private static final int QUERY_SHOWN = 120;

    /** One line: {@code pid 123 (cairn/0.1.0 host pid 9, from 10.0.0.5, connected since …, active: SELECT …)}. */
    public String describe() {
        String q = query.replaceAll("\\s+", " ").strip();
        if (q.length() > QUERY_SHOWN) {
            q = q.substring(0, QUERY_SHOWN) + "…";
        }
        return "pid " + pid + " (" + (applicationName.isEmpty() ? "no application_name" : applicationName)
                + ", from " + clientAddress + ", connected since " + since + ", " + state
                + (q.isEmpty() ? "" : ": " + q) + ")";
    }
}
