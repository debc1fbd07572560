package dev.cairn.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The checksum of a migration's up script: SHA-256 of its text after removing a UTF-8 byte order
 * mark and turning CRLF into LF, so a Windows checkout of an applied file does not look modified.
 */
public final class Checksum {

    private Checksum() {
    }

    /** Looked up once: a provider lookup per file is a tenth of a cold scan. Copied per use. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The lowercase hex SHA-256 of the normalised text. */
    public static String of(String text) {
        byte[] bytes = normalise(text).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException never) {
                throw new IllegalStateException("every Java runtime has SHA-256", never);
            }
        }
    }

    static String normalise(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (s.indexOf('\r') < 0) {
            return s;
        }
        // A section cut out of a CRLF file ends in a bare CR where the LF file's section ends.
        s = s.replace("\r\n", "\n");
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
