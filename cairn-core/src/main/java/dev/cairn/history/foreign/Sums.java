package dev.cairn.history.foreign;

import dev.cairn.migration.Migration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/** Checks a file's content against the checksum another tool stored for it. */
public final class Sums {

    private Sums() {
    }

    /** Whether today's file has the content the other tool checksummed. */
    public static boolean matches(Claim.Sum sum, Migration m) {
        if (sum instanceof Claim.Crc32 crc) {
            return flyway(m.up().text()) == crc.value();
        }
        String digest = ((Claim.Hex) sum).digest().toLowerCase(Locale.ROOT);
        String algorithm = switch (digest.length()) {
            case 32 -> "MD5";
            case 64 -> "SHA-256";
            default -> "";
        };
        if (algorithm.isEmpty()) {
            return false;
        }
        for (byte[] content : contents(m)) {
            if (hex(algorithm, content).equals(digest)) {
                return true;
            }
        }
        return false;
    }

    /** How a stored checksum is described in messages. */
    public static String describe(Claim.Sum sum) {
        if (sum instanceof Claim.Crc32 crc) {
            return "Flyway's CRC32 " + crc.value();
        }
        String d = ((Claim.Hex) sum).digest();
        return (d.length() == 32 ? "MD5 " : d.length() == 64 ? "SHA-256 " : "checksum ") + d;
    }

    /**
     * Flyway's checksum: a CRC32 over the UTF-8 bytes of each line without its line ending (so CRLF
     * and LF files agree), the first line without a byte order mark, as a signed int. As Flyway's
     * {@code ChecksumCalculator} reads the file with {@code BufferedReader.readLine}.
     */
    public static int flyway(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            String line = r.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            while (line != null) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
                line = r.readLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a string reader does not fail", e);
        }
        return (int) crc.getValue();
    }

    /**
     * What the other tool may have hashed: the file's bytes as they are, the up script as read, and
     * the up script without a byte order mark and with LF line endings.
     */
    private static List<byte[]> contents(Migration m) {
        List<byte[]> out = new ArrayList<>();
        try {
            Path file = Path.of(m.up().name());
            if (Files.isRegularFile(file)) {
                out.add(Files.readAllBytes(file));
            }
        } catch (IOException | RuntimeException e) {
            // A classpath location inside a jar: the text read is all there is.
        }
        String text = m.up().text();
        out.add(text.getBytes(StandardCharsets.UTF_8));
        String normal = (text.startsWith("\uFEFF") ? text.substring(1) : text).replace("\r\n", "\n");
        out.add(normal.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static String hex(String algorithm, byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }
}
