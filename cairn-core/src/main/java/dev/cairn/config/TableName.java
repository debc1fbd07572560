package dev.cairn.config;

import dev.cairn.error.CairnException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The name of a table Cairn owns, optionally schema-qualified ({@code ops.cairn_history}).
 * Names are kept as written and quoted by the dialect, never pasted into SQL; only a part longer
 * than PostgreSQL's 63 bytes is cut to 63 bytes, as the server itself would, so that every
 * spelling of one table is one name (and takes one lock).
 */
public record TableName(Optional<String> schema, String name) {

    /** PostgreSQL's longest identifier, in bytes of UTF-8 (NAMEDATALEN - 1). */
    public static final int MAX_BYTES = 63;

    public TableName {
        if (name.isBlank() || schema.map(String::isBlank).orElse(false)) {
            throw CairnException.usage("config.table", "table name must not be empty");
        }
        name = clip(name, MAX_BYTES);
        schema = schema.map(s -> clip(s, MAX_BYTES));
    }

    /** Parses {@code name} or {@code schema.name}. */
    public static TableName parse(String text) {
        String t = text.strip();
        int dot = t.indexOf('.');
        if (dot < 0) {
            return new TableName(Optional.empty(), t);
        }
        if (t.indexOf('.', dot + 1) >= 0) {
            throw CairnException.usage("config.table", "table name '" + text + "' has more than one '.';"
                    + " write it as schema.table");
        }
        return new TableName(Optional.of(t.substring(0, dot)), t.substring(dot + 1));
    }

    /**
     * A sibling table in the same schema, such as the lock table next to the history table:
     * {@code <name><suffix>}, or when that is longer than 63 bytes, as many whole characters of the
     * name as fit, then {@code _}, the first 8 hex digits of the SHA-256 of the whole name, and the
     * suffix ({@code <first bytes>_1a2b3c4d_lock}): distinct for distinct names, and never the name itself.
     */
    public TableName sibling(String suffix) {
        String whole = name + suffix;
        if (bytes(whole) <= MAX_BYTES) {
            return new TableName(schema, whole);
        }
        String tail = "_" + hash8(name) + suffix;
        return new TableName(schema, clip(name, MAX_BYTES - bytes(tail)) + tail);
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest prefix of whole characters (code points) that fits in {@code max} bytes of UTF-8. */
    private static String clip(String s, int max) {
        if (bytes(s) <= max) {
            return s;
        }
        int end = 0;
        int used = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int n = bytes(new String(Character.toChars(cp)));
            if (used + n > max) {
                break;
            }
            used += n;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    private static String hash8(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return schema.map(s -> s + "." + name).orElse(name);
    }
}
