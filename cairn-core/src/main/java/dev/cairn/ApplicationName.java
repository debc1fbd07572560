package dev.cairn;

import java.net.InetAddress;

/**
 * How Cairn's sessions name themselves on the server, so that a waiting runner (and a DBA) can
 * see who holds the lock: {@code cairn/0.1.0 host pid 1234}. PostgreSQL keeps 63 bytes of it.
 */
final class ApplicationName {

    private static final int MAX = 63;

    private ApplicationName() {
    }

    static String of(String version) {
        String host = hostName();
        String name = "cairn/" + version + " " + host + " pid " + ProcessHandle.current().pid();
        return name.length() <= MAX ? name : name.substring(0, MAX);
    }

    /** The host name without a DNS lookup where the system tells it directly. */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException ex) {
                return "unknown-host";
            }
        }
    }
}
