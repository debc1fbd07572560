package dev.cairn.dialect;

import java.time.Instant;

/**
 * Who holds the migration lock, as the server reports it.
 *
 * @param pid             the holder's backend process id
 * @param applicationName the holder's application_name (Cairn names itself, its host and pid)
 * @param clientAddress   the holder's address, or {@code local} for a socket
 * @param since           when the holder's session started
 */
public record LockHolder(int pid, String applicationName, String clientAddress, Instant since) {

    public String describe() {
        return "pid " + pid + " (" + (applicationName.isEmpty() ? "no application_name" : applicationName)
                + ", from " + clientAddress + ", connected since " + since + ")";
    }
}
