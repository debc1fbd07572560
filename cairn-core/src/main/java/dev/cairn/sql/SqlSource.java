package dev.cairn.sql;

import java.util.Objects;

/**
 * A SQL script to split, and where it comes from.
 *
 * @param name      what errors show for the script, such as {@code db/migrations/003_users.sql}
 * @param text      the script; it may be a section of a file, such as one {@code -- migrate:up} block
 * @param firstLine the 1-based line of the file on which {@code text} starts, so that statements and
 *                  errors report lines of the file rather than of the section
 */
public record SqlSource(String name, String text, int firstLine) {

    public SqlSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        if (firstLine < 1) {
            throw new IllegalArgumentException("firstLine must be 1 or more, was " + firstLine);
        }
    }
}
