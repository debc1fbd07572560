package dev.cairn.migration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A migration version as written in its file name ({@code 003}, {@code 1.2}, {@code 20240115093000}).
 * Versions compare by numeric segments, so {@code 1.2 < 1.10}, {@code 9 < 010} and
 * {@code 215 < 1000}; dated forms such as {@code 2024-01-15_1430} compare as their digits.
 * Two versions are equal when their segments are equal ({@code 1} equals {@code 001}).
 */
public final class Version implements Comparable<Version> {

    private final String text;
    private final List<BigInteger> segments;
    /** Computed once: versions are map keys on every run (files joined with the history). */
    private final int hash;

    private Version(String text, List<BigInteger> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
        int last = this.segments.size();
        while (last > 1 && this.segments.get(last - 1).signum() == 0) {
            last--;
        }
        this.hash = this.segments.subList(0, last).hashCode();
    }

    /** A run of digits; most fit a long, which parses several times faster than a BigInteger. */
    private static BigInteger number(String digits) {
        return digits.length() <= 18 ? BigInteger.valueOf(Long.parseLong(digits)) : new BigInteger(digits);
    }

    /**
     * Parses a version made of digit runs separated by {@code .} or {@code _}
     * (Flyway's {@code 1_2} is {@code 1.2}).
     *
     * @throws IllegalArgumentException when the text is not such a version
     */
    public static Version parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || !Character.isDigit(text.charAt(0)) || !Character.isDigit(text.charAt(text.length() - 1))) {
            throw new IllegalArgumentException("not a version: '" + text + "'");
        }
        List<BigInteger> segments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length();
            char c = end ? '.' : text.charAt(i);
            if (c == '.' || c == '_') {
                if (i == start) {
                    throw new IllegalArgumentException("not a version: '" + text + "'");
                }
                segments.add(number(text.substring(start, i)));
                start = i + 1;
            } else if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a version: '" + text + "'");
            }
        }
        return new Version(text, segments);
    }

    /**
     * A version as stored in the history table: the dotted form, or the dated form when it has
     * dashes ({@code 2024-01-15_1430}).
     */
    public static Version of(String text) {
        return text.indexOf('-') >= 0 ? ofDigits(text) : parse(text);
    }

    /** A dated version such as {@code 2024-01-15_1430}: compared as its digits, shown as written. */
    public static Version ofDigits(String text) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        if (digits.length() == 0) {
            throw new IllegalArgumentException("not a version: '" + text + "'");
        }
        return new Version(text, List.of(number(digits.toString())));
    }

    /**
     * The version of every repeatable migration: shown as {@code R}, after all numbered versions.
     */
    public static Version repeatable() {
        return REPEATABLE;
    }

    private static final Version REPEATABLE = new Version("R", List.of(BigInteger.valueOf(-1)));

    /** Whether this is {@link #repeatable()}. */
    public boolean isRepeatable() {
        return this == REPEATABLE;
    }

    /** The version as written in the file name. */
    public String text() {
        return text;
    }

    @Override
    public int compareTo(Version other) {
        if (isRepeatable() || other.isRepeatable()) {
            return Boolean.compare(isRepeatable(), other.isRepeatable());
        }
        int n = Math.max(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < segments.size() ? segments.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.segments.size() ? other.segments.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && compareTo(v) == 0;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return text;
    }
}
