package dev.cairn.cli.fanout;

import dev.cairn.config.DatabaseUrl;
import dev.cairn.error.CairnException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a targets list: one database URL a line, {@code #} comments and blank lines ignored. A bad line
 * is a usage error with its file:line, found before anything runs; the line is never echoed with its
 * password.
 */
public final class TargetsFile {

    private TargetsFile() {
    }

    /** The targets of the file {@code shown} (as the user named it) at {@code path}. */
    public static List<Target> read(Path path, String shown) {
        if (!Files.isRegularFile(path)) {
            throw CairnException.usage("fanout.targets", "targets file " + shown + (Files.exists(path)
                    ? " is not a regular file" : " does not exist") + "; nothing was run");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CairnException.usage("fanout.targets", "targets file " + shown + " cannot be read ("
                    + e.getClass().getSimpleName() + "); save it as UTF-8 text. Nothing was run");
        }
        List<String> where = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (!line.isEmpty() && !line.startsWith("#")) {
                where.add(shown + ":" + (i + 1));
                urls.add(line);
            }
        }
        if (urls.isEmpty()) {
            throw CairnException.usage("fanout.targets", "targets file " + shown + " names no database (only"
                    + " comments and blank lines); write one URL a line. Nothing was run");
        }
        return of(urls, where);
    }

    /** Targets from URLs, {@code where[i]} naming where URL i was written ({@code targets.txt:3}). */
    public static List<Target> of(List<String> urls, List<String> where) {
        List<Target> targets = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < urls.size(); i++) {
            DatabaseUrl url;
            try {
                url = DatabaseUrl.parse(urls.get(i)).requireDatabase();
            } catch (CairnException e) {
                throw CairnException.usage("fanout.targets", where.get(i) + ": " + e.getMessage() + ". Nothing was run");
            }
            String key = url.jdbcUrl() + "\n" + url.user().orElse("");
            String first = seen.putIfAbsent(key, where.get(i));
            if (first != null) {
                throw CairnException.usage("fanout.targets", where.get(i) + ": " + url.target() + " is listed twice"
                        + " (first at " + first + "); list each database once. Nothing was run");
            }
            targets.add(new Target(url.target(), urls.get(i), Optional.empty()));
        }
        return List.copyOf(targets);
    }

    /** One target per schema of the database at {@code url}. */
    public static List<Target> schemas(String url, List<String> schemas) {
        String label = DatabaseUrl.parse(url).target();
        return schemas.stream().map(s -> new Target(label + " (schema " + s + ")", url, Optional.of(s))).toList();
    }
}
