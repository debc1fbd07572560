package dev.cairn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The machine and the versions a run was made with, as Markdown lines. */
final class Machine {

    private Machine() {
    }

    static String describe(Options o) throws SQLException {
        List<String> lines = new ArrayList<>();
        lines.add("- CPU: " + procLine("/proc/cpuinfo", "model name") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores (nproc); memory " + memory());
        lines.add("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        lines.add("- PostgreSQL: " + postgres(o.adminUrl()));
        lines.add("- Cairn: commit " + git(o.root()) + " (library in-process; `./cairn` launcher for processes)");
        lines.add("- Flyway: " + jar("flyway-core-") + " + " + jar("flyway-database-postgresql-")
                + "; Liquibase: " + jar("liquibase-core-") + "; pgjdbc: " + jar("postgresql-"));
        lines.add("- JVM flags of the Flyway, Liquibase and raw-JDBC processes (the launcher's own): `"
                + String.join(" ", o.processFlags()) + "`");
        return String.join("\n", lines);
    }

    private static String memory() {
        String kb = procLine("/proc/meminfo", "MemTotal").replace("kB", "").strip();
        try {
            return String.format(java.util.Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1_048_576.0);
        } catch (NumberFormatException e) {
            return kb;
        }
    }

    private static String procLine(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String postgres(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('synchronous_commit'),"
                     + " current_setting('fsync'), current_setting('shared_buffers'), current_setting('wal_level')")) {
            rs.next();
            return rs.getString(1) + " on 127.0.0.1 (synchronous_commit=" + rs.getString(2) + ", fsync=" + rs.getString(3)
                    + ", shared_buffers=" + rs.getString(4) + ", wal_level=" + rs.getString(5) + ")";
        }
    }

    private static String git(Path root) {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "log", "-1", "--format=%h %cs %s")
                    .redirectErrorStream(true).start();
            String head = new String(p.getInputStream().readAllBytes()).strip();
            Process d = new ProcessBuilder("git", "-C", root.toString(), "status", "--porcelain", "--untracked-files=no")
                    .redirectErrorStream(true).start();
            boolean dirty = !new String(d.getInputStream().readAllBytes()).isBlank();
            return head + (dirty ? " (working tree has uncommitted changes)" : "");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String jar(String prefix) {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith(prefix) && name.endsWith(".jar") && Character.isDigit(name.charAt(prefix.length()))) {
                return name.substring(prefix.length(), name.length() - 4).isEmpty() ? name
                        : prefix.substring(0, prefix.length() - 1) + " " + name.substring(prefix.length(), name.length() - 4);
            }
        }
        return prefix + "?";
    }
}
