package dev.cairn.lint;

import java.util.Map;
import java.util.Optional;

/**
 * Everything observed for a lint run: per statement ({@code file:line}), and the live size of each
 * table named in the observations ({@code schema.table}).
 */
public record Observations(Map<String, Observation> statements, Map<String, Size> sizes) {

    /** A live table's row estimate ({@code reltuples}, -1 when never analysed) and its total size in bytes. */
    public record Size(long rows, long bytes) {
    }

    public Observations {
        statements = Map.copyOf(statements);
        sizes = Map.copyOf(sizes);
    }

    /** Static mode: nothing ran. */
    public static Observations none() {
        return new Observations(Map.of(), Map.of());
    }

    public static String key(String file, int line) {
        return file + ":" + line;
    }

    Optional<Observation> at(String file, int line) {
        return Optional.ofNullable(statements.get(key(file, line)));
    }
}
