package dev.cairn;

import dev.cairn.config.HostName;

/**
 * How Cairn's sessions name themselves on the server, so that a waiting runner (and a DBA) can
 * see who holds the lock: {@code cairn/0.1.0 host pid 1234}. PostgreSQL keeps 63 bytes of it.
 */
final class ApplicationName {

    private static final int MAX = 63;

    private ApplicationName() {
    }

    static String of(String version) {
        String name = "cairn/" + version + " " + HostName.get() + " pid " + ProcessHandle.current().pid();
        return name.length() <= MAX ? name : name.substring(0, MAX);
    }
}
