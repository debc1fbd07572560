package dev.cairn.dialect.postgres;

import dev.cairn.error.CairnException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A gzipped plain dump unpacked for psql into a private file (mode 0600, in the temporary
 * directory), so that psql reads a complete file whatever happens to Cairn: a pipe from Cairn would
 * end when Cairn dies, and psql takes the end of its input for the end of the script and commits.
 *
 * <p>While unpacking, the SQL is scanned the way psql reads it (quotes, dollar quotes, comments,
 * COPY data) for backslash meta-commands: {@code \!} runs a shell, {@code \o} writes files, so a
 * dump holding one is refused before anything runs. pg_dump writes only {@code \restrict KEY} at the
 * top and <code>&#92;unrestrict KEY</code> at the end (15.14 and later); those two lines are blanked, because
 * Cairn puts psql in restricted mode itself with a key of its own (see {@code Restore}), which makes
 * psql refuse any meta-command the scan could have missed.
 */
final class PlainDump {

    private static final Pattern OWN = Pattern.compile("cairn-restore-(\\d+)-\\d+\\.sql");
    private static final Pattern RESTRICT = Pattern.compile("\\\\(un)?restrict ([A-Za-z0-9]+)\\s*");
    private static final Pattern COPY = Pattern.compile("COPY .* FROM stdin;\\s*");

    private PlainDump() {
    }

    /**
     * A new private file in {@code dir} to unpack into; removes the files of earlier restores whose
     * process is gone (a Cairn killed while unpacking) first. The caller deletes it.
     */
    public static Path create(String shown, Path dir) {
        removeStale(dir);
        try {
            return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(dir, "cairn-restore-" + ProcessHandle.current().pid() + "-", ".sql",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "cairn-restore-" + ProcessHandle.current().pid() + "-", ".sql");
        } catch (IOException e) {
            throw CairnException.usage("restore.scratch", "cannot create a private file in " + dir + " to unpack "
                    + shown + " into: " + reason(e) + "; nothing was changed");
        }
    }

    /**
     * Unpacks {@code gz} into {@code out}, checking it for meta-commands.
     *
     * @throws CairnException exit 2 for a meta-command (naming the line) or an unreadable file, exit 1
     *                        for a truncated or corrupt one
     */
    public static void unpack(Path gz, String shown, Path out) {
        copy(gz, shown, out, out.getParent());
    }

    private static void copy(Path gz, String shown, Path out, Path dir) {
        Scanner scanner = new Scanner(shown);
        boolean reading = true;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 64 * 1024);
             OutputStream to = new BufferedOutputStream(Files.newOutputStream(out), 64 * 1024)) {
            byte[] line = new byte[8192];
            int len = 0;
            int b;
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    b = buffer[i];
                    if (len == line.length) {
                        line = java.util.Arrays.copyOf(line, len * 2);
                    }
                    line[len++] = (byte) b;
                    if (b == '\n') {
                        scanner.line(line, len, to);
                        len = 0;
                    }
                }
            }
            if (len > 0) {
                scanner.line(line, len, to);
            }
            reading = false;
        } catch (IOException e) {
            if (reading && !(e instanceof java.nio.file.FileSystemException)) {
                throw CairnException.failed("restore.corrupt", shown + " cannot be read to its end ("
                        + e.getMessage() + "): it is truncated or corrupt; nothing was restored, the database is"
                        + " as it was", e);
            }
            throw CairnException.usage("restore.scratch", "cannot unpack " + shown + " into " + dir + ": "
                    + reason(e) + "; nothing was changed");
        }
    }

    /** Follows psql's lexer closely enough to tell SQL from a backslash meta-command, line by line. */
    private static final class Scanner {
        private final String shown;
        private long number;
        private boolean copyData;
        private boolean statementStart = true;
        private int comment;           // nesting depth of /* */
        private char quote;            // ' " or 0
        private boolean escapes;       // in an E'' string
        private String dollar;         // the open $tag$, or null
        private Optional<String> key = Optional.empty();

        Scanner(String shown) {
            this.shown = shown;
        }

        void line(byte[] bytes, int len, OutputStream to) throws IOException {
            number++;
            if (copyData) {
                copyData = !(len >= 2 && bytes[0] == '\\' && bytes[1] == '.' && blank(bytes, 2, len));
                to.write(bytes, 0, len);
                return;
            }
            String text = new String(bytes, 0, len, StandardCharsets.UTF_8);
            if (quote == 0 && dollar == null && comment == 0) {
                Matcher m = RESTRICT.matcher(text.strip());
                if (text.strip().startsWith("\\") && m.matches() && restrictLine(m)) {
                    to.write('\n');
                    return;
                }
                if (statementStart && COPY.matcher(text.strip()).matches()) {
                    copyData = true;
                    to.write(bytes, 0, len);
                    return;
                }
            }
            scan(text);
            to.write(bytes, 0, len);
        }

        /** pg_dump's own {@code \restrict KEY} first, then <code>&#92;unrestrict</code> with the same key. */
        private boolean restrictLine(Matcher m) {
            if (m.group(1) == null && key.isEmpty()) {
                key = Optional.of(m.group(2));
                return true;
            }
            return m.group(1) != null && key.isPresent() && key.get().equals(m.group(2));
        }

        private void scan(String s) {
            int i = 0;
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (comment > 0) {
                    if (c == '*' && i + 1 < n && s.charAt(i + 1) == '/') {
                        comment--;
                        i += 2;
                    } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                        comment++;
                        i += 2;
                    } else {
                        i++;
                    }
                } else if (dollar != null) {
                    if (s.startsWith(dollar, i)) {
                        i += dollar.length();
                        dollar = null;
                    } else {
                        i++;
                    }
                } else if (quote != 0) {
                    if (escapes && c == '\\') {
                        i += 2;
                    } else if (c == quote && i + 1 < n && s.charAt(i + 1) == quote) {
                        i += 2;
                    } else {
                        if (c == quote) {
                            quote = 0;
                        }
                        i++;
                    }
                } else {
                    i = normal(s, i);
                }
            }
        }

        /** One step outside quotes and comments. */
        private int normal(String s, int i) {
            char c = s.charAt(i);
            int n = s.length();
            if (c == '\\') {
                throw metaCommand(s, i);
            }
            if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                return n;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                comment = 1;
                return i + 2;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                escapes = c == '\'' && i > 0 && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
                        && (i < 2 || !identifier(s.charAt(i - 2)));
                statementStart = false;
                return i + 1;
            }
            if (c == '$' && (i == 0 || !identifier(s.charAt(i - 1)))) {
                int j = i + 1;
                while (j < n && identifier(s.charAt(j)) && s.charAt(j) != '$'
                        && !(j == i + 1 && Character.isDigit(s.charAt(j)))) {
                    j++;
                }
                if (j < n && s.charAt(j) == '$') {
                    dollar = s.substring(i, j + 1);
                    statementStart = false;
                    return j + 1;
                }
            }
            if (c == ';') {
                statementStart = true;
            } else if (!Character.isWhitespace(c)) {
                statementStart = false;
            }
            return i + 1;
        }

        private CairnException metaCommand(String s, int at) {
            String command = s.substring(at).strip();
            if (command.length() > 60) {
                command = command.substring(0, 60) + "…";
            }
            return CairnException.usage("restore.meta-command", shown + ":" + number + " holds the psql meta-command '"
                    + command + "': a restore runs SQL only (a backslash command can run a shell or write files),"
                    + " and pg_dump writes none but \\restrict and \\unrestrict; nothing was changed. If you trust"
                    + " the file, run it with psql yourself");
        }

        private static boolean identifier(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
        }

        private static boolean blank(byte[] b, int from, int to) {
            for (int i = from; i < to; i++) {
                if (b[i] != '\n' && b[i] != '\r' && b[i] != ' ' && b[i] != '\t') {
                    return false;
                }
            }
            return true;
        }
    }

    /** Deletes the private files of restores whose Cairn process is gone; another user's are left alone. */
    private static void removeStale(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "cairn-restore-*.sql")) {
            for (Path f : files) {
                Matcher m = OWN.matcher(f.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true)) {
                    deleteQuietly(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a file left here is private to its owner and never read again.
        }
    }

    /** Why an I/O operation failed, in words: the JDK's exceptions often carry only the path. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Deletes {@code file}, ignoring failures (it is private, in the temporary directory). */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Left for the next restore's clean-up.
        }
    }
}
