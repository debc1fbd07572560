package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.cairn.error.CairnException;
import dev.cairn.migration.MigrationSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code cairn.toml}: settings shared by the team, per-migration settings, and one section per
 * environment ({@code [env.production]}) whose keys override the top level. Unknown keys are
 * errors, so a typo never silently does nothing.
 */
public record ConfigFile(Path path, Section top, Map<String, Section> environments,
                         Map<String, MigrationSettings> migrations) {

    /** The name Cairn looks for in the working directory. */
    public static final String NAME = "cairn.toml";

    private static final Set<String> SECTION_KEYS = Set.of("url", "dir", "table", "lock_timeout", "lock_timeout_sql",
            "statement_timeout", "ignore", "out_of_order", "protected", "backup", "lock_mode", "lease_ttl", "schemas", "seeds",
            "backup_keep_days");

    /** The keys of the top level or of one environment; empty when not set. */
    public record Section(Optional<String> url, List<String> dirs, Optional<String> table,
                          Optional<Duration> lockTimeout, Optional<Duration> lockTimeoutSql,
                          Optional<Duration> statementTimeout, Optional<List<String>> ignore,
                          Optional<Boolean> outOfOrder, Optional<Boolean> protectedEnv, Extra extra) {
        static Section empty() {
            return new Section(Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Extra.empty());
        }
    }

    /**
     * The production-safety keys of a section.
     *
     * @param backup   back up before {@code migrate} (default on in protected environments)
     * @param lockMode {@code advisory} or {@code table}
     * @param leaseTtl how long a lease of the table lock lasts without a heartbeat
     * @param schemas  the schemas {@code reset} empties (default: the connection's current schema)
     * @param seeds    the seeds folder (default: {@code seeds} beside the migrations folder)
     * @param keepDays {@code backup_keep_days}: how many days of backups to keep, -1 for all ({@code "forever"})
     */
    public record Extra(Optional<Boolean> backup, Optional<String> lockMode, Optional<Duration> leaseTtl,
                        List<String> schemas, Optional<String> seeds, Optional<Integer> keepDays) {
        static Extra empty() {
            return new Extra(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                    Optional.empty());
        }
    }

    public static ConfigFile none() {
        return new ConfigFile(Path.of(NAME), Section.empty(), Map.of(), Map.of());
    }

    /** Reads the file; a usage error (exit 2) naming the key when something is wrong. */
    public static ConfigFile read(Path path) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(Files.readString(path));
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? ":" + j.getLocation().getLineNr() + ":" + j.getLocation().getColumnNr() : "";
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage();
            throw CairnException.usage("config.file", path + where + ": cannot be read as TOML: " + firstLine(why));
        }
        Map<String, Section> envs = new LinkedHashMap<>();
        Map<String, MigrationSettings> migrations = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            boolean nested = f.getKey().equals("env") || f.getKey().equals("migrations");
            if (nested && !f.getValue().isObject()) {
                throw CairnException.usage("config.type", path + ": '" + f.getKey() + "' must be a table of sections,"
                        + (f.getKey().equals("env") ? " such as [env.production]; choose the environment with --env"
                        + " or $CAIRN_ENV" : " such as [migrations.\"40\"]"));
            }
            if (f.getKey().equals("env")) {
                f.getValue().fields().forEachRemaining(e -> envs.put(e.getKey(), section(path, "env." + e.getKey(), e.getValue())));
            } else if (f.getKey().equals("migrations")) {
                f.getValue().fields().forEachRemaining(e -> migrations.put(e.getKey(), migration(path, e.getKey(), e.getValue())));
            }
        }
        return new ConfigFile(path, section(path, "", root), envs, migrations);
    }

    private static Section section(Path path, String name, JsonNode node) {
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            boolean nested = name.isEmpty() && (k.equals("env") || k.equals("migrations"));
            if (!nested && !SECTION_KEYS.contains(k)) {
                throw CairnException.usage("config.key", path + ": unknown key '" + (name.isEmpty() ? "" : name + ".") + k
                        + "'; known keys: " + String.join(", ", new java.util.TreeSet<>(SECTION_KEYS)));
            }
        }
        String where = path + (name.isEmpty() ? "" : " [" + name + "]");
        return new Section(text(node, "url"), list(node, "dir"), text(node, "table"),
                text(node, "lock_timeout").map(v -> Durations.parse(v, where + " lock_timeout")),
                text(node, "lock_timeout_sql").map(v -> Durations.parse(v, where + " lock_timeout_sql")),
                text(node, "statement_timeout").map(v -> Durations.parse(v, where + " statement_timeout")),
                node.has("ignore") ? Optional.of(list(node, "ignore")) : Optional.empty(),
                bool(node, "out_of_order", where), bool(node, "protected", where),
                new Extra(bool(node, "backup", where), text(node, "lock_mode"),
                        text(node, "lease_ttl").map(v -> Durations.parse(v, where + " lease_ttl")),
                        list(node, "schemas"), text(node, "seeds"), keepDays(node, where)));
    }

    private static MigrationSettings migration(Path path, String version, JsonNode node) {
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!k.equals("transaction")) {
                throw CairnException.usage("config.key", path + ": unknown key '" + k + "' in [migrations.\"" + version
                        + "\"]; the known key is: transaction");
            }
        }
        return new MigrationSettings(bool(node, "transaction", path + " [migrations.\"" + version + "\"]"));
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static List<String> list(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(e -> out.add(e.asText()));
        } else {
            out.add(v.asText());
        }
        return List.copyOf(out);
    }

    private static Optional<Boolean> bool(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw CairnException.usage("config.type", where + ": '" + key + "' must be true or false");
        }
        return Optional.of(v.asBoolean());
    }

    /** {@code backup_keep_days}: a whole number of days, 0 or more, -1 or "forever" to keep every backup. */
    private static Optional<Integer> keepDays(JsonNode node, String where) {
        JsonNode v = node.get("backup_keep_days");
        if (v == null) {
            return Optional.empty();
        }
        if (v.isTextual() && v.asText().equals("forever")) {
            return Optional.of(-1);
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < -1) {
            throw CairnException.usage("config.type", where + ": 'backup_keep_days' must be a whole number of days"
                    + " (0 keeps only the newest backup) or \"forever\", not " + v);
        }
        return Optional.of(v.asInt());
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** The environment's section, when the file has one. */
    public Section environment(String name) {
        return environments.getOrDefault(name, Section.empty());
    }
}
