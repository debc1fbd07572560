package dev.cairn.bench;

import dev.cairn.sql.SqlSource;
import dev.cairn.sql.SqlSplitter;
import dev.cairn.sql.SqlStatement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The lower bound: the least a migration tool can do. One connection; the history read once;
 * every file read and checksummed (SHA-256); per pending migration BEGIN, the script, one history
 * row, COMMIT. No lock, no validation beyond the checksum, no events.
 */
final class RawJdbc {

    static final String TABLE = "raw_history";

    /** How a script is sent. */
    enum Mode {
        /** The whole file as one string: pgjdbc sends its statements in one round trip. */
        WHOLE,
        /** Split, then one JDBC batch: pipelined, as Cairn's runner does. */
        BATCH,
        /** Split, then one statement after the other, each waiting for its reply. */
        EACH,
        /**
         * As {@link #WHOLE}, but every migration except the last commits with
         * {@code synchronous_commit = off}; the last one's synchronous commit flushes the WAL of
         * all before it, so the run still returns only when everything is durable.
         */
        ASYNC
    }

    private RawJdbc() {
    }

    /** Applies what is pending; returns how many migrations were applied. */
    static int migrate(String url, Path dir, Mode mode) throws SQLException {
        return migrate(DriverManager.getConnection(url), dir, mode);
    }

    /** Applies what is pending on {@code connection}, and closes it. */
    static int migrate(Connection connection, Path dir, Mode mode) throws SQLException {
        try (Connection c = connection) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (version integer PRIMARY KEY, script text NOT NULL,"
                        + " checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            }
            Map<Integer, String> applied = applied(c);
            c.setAutoCommit(false);
            int count = 0;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                    + " (version, script, checksum) VALUES (?, ?, ?)")) {
                List<Path> files = files(dir);
                int last = files.size() - 1;
                while (last >= 0 && applied.containsKey(version(files.get(last).getFileName().toString()))) {
                    last--;
                }
                for (int i = 0; i < files.size(); i++) {
                    Path file = files.get(i);
                    String name = file.getFileName().toString();
                    int version = version(name);
                    String sql = read(file);
                    String checksum = checksum(sql);
                    String known = applied.get(version);
                    if (known != null) {
                        if (!known.equals(checksum)) {
                            throw new IllegalStateException(name + " changed after it was applied");
                        }
                        continue;
                    }
                    run(c, mode == Mode.ASYNC && i < last ? "SET LOCAL synchronous_commit = off;\n" + sql : sql, name, mode);
                    insert.setInt(1, version);
                    insert.setString(2, name);
                    insert.setString(3, checksum);
                    insert.executeUpdate();
                    c.commit();
                    count++;
                }
            }
            return count;
        }
    }

    /** Status and validation: how many files are applied and unchanged; reads only. */
    static int check(String url, Path dir) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            Map<Integer, String> applied = applied(c);
            int ok = 0;
            for (Path file : files(dir)) {
                if (checksum(read(file)).equals(applied.get(version(file.getFileName().toString())))) {
                    ok++;
                }
            }
            return ok;
        }
    }

    private static void run(Connection c, String sql, String name, Mode mode) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (mode == Mode.WHOLE || mode == Mode.ASYNC) {
                s.execute(sql);
                return;
            }
            List<SqlStatement> statements = SqlSplitter.split(new SqlSource(name, sql, 1));
            for (SqlStatement st : statements) {
                if (mode == Mode.BATCH) {
                    s.addBatch(st.sql());
                } else {
                    s.execute(st.sql());
                }
            }
            if (mode == Mode.BATCH) {
                s.executeBatch();
            }
        }
    }

    /** Lists, reads and checksums every file, as {@link #migrate} does; returns how many. */
    static int readAll(Path dir) {
        int n = 0;
        for (Path file : files(dir)) {
            n += checksum(read(file)).isEmpty() ? 0 : 1;
        }
        return n;
    }

    private static Map<Integer, String> applied(Connection c) throws SQLException {
        Map<Integer, String> out = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, checksum FROM " + TABLE)) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(String name) {
        int end = 0;
        while (end < name.length() && Character.isDigit(name.charAt(end))) {
            end++;
        }
        return Integer.parseInt(name.substring(0, end));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String checksum(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw-JDBC process of the whole-process benchmark: {@code RawJdbc URL DIR} migrates and exits. */
    public static void main(String[] args) throws SQLException {
        int n = migrate(args[0], Path.of(args[1]), Mode.WHOLE);
        System.out.println(n == 0 ? "up to date" : "applied " + n);
    }
}
