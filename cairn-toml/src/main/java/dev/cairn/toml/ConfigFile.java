package dev.cairn.toml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.cairn.config.MigrationSettings;
import dev.cairn.error.CairnException;
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
            "rerun_modified", "backup_keep_days", "notify", "snapshot_after_migrate", "lock_retries", "lint", "targets",
            "targets_file", "computed_downs");

    /** The keys of the top level or of one environment; empty when not set. */
    public record Section(Optional<String> url, List<String> dirs, Optional<String> table,
                          Optional<Duration> lockTimeout, Optional<Duration> lockTimeoutSql,
                          Optional<Duration> statementTimeout, Optional<List<String>> ignore,
                          Optional<Boolean> outOfOrder, Optional<Boolean> protectedEnv, Extra extra, Notify webhooks,
                          Targets targets) {
        static Section empty() {
            return new Section(Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Extra.empty(), Notify.empty(),
                    Targets.empty());
        }
    }

    /**
     * A section's fan-out targets: {@code targets = ["postgres://...", ...]} or {@code targets_file} (a
     * targets list, relative to this file). {@code where} names the section for messages.
     */
    public record Targets(List<String> urls, Optional<String> file, String where) {
        static Targets empty() {
            return new Targets(List.of(), Optional.empty(), "");
        }
    }

    /**
     * A {@code [notify]} (or {@code [env.NAME.notify]}) table: webhooks told after a run.
     *
     * @param urls the webhook URLs (http or https)
     * @param on   which outcomes are told: {@code success}, {@code failure} (default both)
     */
    public record Notify(Optional<List<String>> urls, Optional<List<String>> on) {
        static Notify empty() {
            return new Notify(Optional.empty(), Optional.empty());
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
     * @param rerunModified {@code migrate} runs applied migrations whose file changed again (default off)
     * @param keepDays {@code backup_keep_days}: how many days of backups to keep, -1 for all ({@code "forever"})
     * @param snapshotAfterMigrate the file {@code migrate} rewrites with the schema (DATABASE.md) after applying something
     * @param lockRetries how often a transactional migration that timed out waiting for a lock runs again
     * @param computedDowns {@code migrate} computes a down for a migration without one (default on)
     */
    public record Extra(Optional<Boolean> backup, Optional<String> lockMode, Optional<Duration> leaseTtl,
                        List<String> schemas, Optional<String> seeds, Optional<Boolean> rerunModified,
                        Optional<Integer> keepDays, Optional<String> snapshotAfterMigrate,
                        Optional<Integer> lockRetries, Optional<Boolean> computedDowns) {
        static Extra empty() {
            return new Extra(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        /** Without {@code computed_downs}. */
        public Extra(Optional<Boolean> backup, Optional<String> lockMode, Optional<Duration> leaseTtl,
                     List<String> schemas, Optional<String> seeds, Optional<Boolean> rerunModified,
                     Optional<Integer> keepDays, Optional<String> snapshotAfterMigrate,
                     Optional<Integer> lockRetries) {
            this(backup, lockMode, leaseTtl, schemas, seeds, rerunModified, keepDays, snapshotAfterMigrate,
                    lockRetries, Optional.empty());
        }
    }

    public static ConfigFile none() {
        return new ConfigFile(Path.of(NAME), Section.empty(), Map.of(), Map.of());
    }

    /** Reads the file; a usage error (exit 2) naming the key when something is wrong. */
    public static ConfigFile read(Path path) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text(path));
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
                f.getValue().fields().forEachRemaining(e -> envs.put(e.getKey(), environmentSection(path, e.getKey(),
                        e.getValue())));
            } else if (f.getKey().equals("migrations")) {
                f.getValue().fields().forEachRemaining(e -> migrations.put(e.getKey(), migration(path, e.getKey(), e.getValue())));
            }
        }
        return new ConfigFile(path, section(path, "", root), envs, migrations);
    }

    /**
     * The file's text: UTF-8, a leading byte-order mark dropped (as in migration files), and bytes that
     * are not UTF-8 reported with their line.
     */
    private static String text(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw CairnException.usage("config.file", path + ":" + line + ": is not UTF-8 text (byte 0x"
                    + String.format("%02X", bytes[in.position()] & 0xff) + " at offset " + in.position()
                    + "); save the file as UTF-8");
        }
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** An {@code [env.NAME]} section: a table, under a plain environment name. */
    private static Section environmentSection(Path path, String name, JsonNode node) {
        if (!node.isObject()) {
            throw CairnException.usage("config.type", path + ": 'env." + name + "' is not a section; [env] needs an"
                    + " environment name, such as [env.production] (then 'url = ...' below it)");
        }
        if (!dev.cairn.config.EnvironmentName.isPlain(name)) {
            throw CairnException.usage("config.env", path + ": [env.\"" + name + "\"] is not a plain environment name"
                    + " (letters, digits, '-', '_' and '.' not first or last), so no --env can select it; rename it");
        }
        return section(path, "env." + name, node);
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
        return new Section(text(node, "url", where), list(node, "dir", where), text(node, "table", where),
                duration(node, "lock_timeout", where), durationOrOff(node, "lock_timeout_sql", where),
                duration(node, "statement_timeout", where),
                node.has("ignore") ? Optional.of(list(node, "ignore", where)) : Optional.empty(),
                bool(node, "out_of_order", where), bool(node, "protected", where),
                new Extra(bool(node, "backup", where), text(node, "lock_mode", where),
                        duration(node, "lease_ttl", where), list(node, "schemas", where), text(node, "seeds", where),
                        bool(node, "rerun_modified", where), keepDays(node, where),
                        text(node, "snapshot_after_migrate", where), lockRetries(node, where),
                        bool(node, "computed_downs", where)),
                notify(node.get("notify"), path + " [" + (name.isEmpty() ? "" : name + ".") + "notify]"),
                targets(node, where));
    }

    private static Targets targets(JsonNode node, String where) {
        if (node.has("targets") && node.has("targets_file")) {
            throw CairnException.usage("config.key", where + ": 'targets' and 'targets_file' both list fan-out"
                    + " targets; keep one");
        }
        if (node.has("targets") && list(node, "targets", where).isEmpty()) {
            throw CairnException.usage("config.type", where + ": 'targets' is empty; list database URLs, or remove it");
        }
        return new Targets(list(node, "targets", where), text(node, "targets_file", where), where);
    }

    private static final Set<String> NOTIFY_KEYS = Set.of("urls", "on");

    /** The {@code notify} table of a section; its URLs are checked when a command uses them. */
    private static Notify notify(JsonNode node, String where) {
        if (node == null) {
            return Notify.empty();
        }
        if (!node.isObject()) {
            throw CairnException.usage("config.type", where + ": 'notify' must be a table, such as [notify] with"
                    + " urls = [\"https://hooks.example.com/...\"] below it, not " + kind(node));
        }
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!NOTIFY_KEYS.contains(k)) {
                throw CairnException.usage("config.key", where + ": unknown key '" + k + "'; known keys: on, urls");
            }
        }
        Optional<List<String>> on = node.has("on") ? Optional.of(list(node, "on", where)) : Optional.empty();
        on.ifPresent(list -> list.forEach(o -> {
            if (!o.equals("success") && !o.equals("failure")) {
                throw CairnException.usage("config.type", where + ": 'on' takes \"success\" and \"failure\", not \""
                        + o + "\"");
            }
        }));
        return new Notify(node.has("urls") ? Optional.of(list(node, "urls", where)) : Optional.empty(), on);
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

    private static Optional<String> text(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw CairnException.usage("config.type", where + ": '" + key + "' must be a string in quotes, not "
                    + kind(v) + " (such as " + key + " = " + EXAMPLES.getOrDefault(key, "\"...\"") + ")");
        }
        return Optional.of(v.asText());
    }

    /** A duration is a string with its unit ({@code "30s"}): a bare number would not say which. */
    private static Optional<Duration> duration(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw CairnException.usage("config.type", where + ": '" + key + "' must be a duration in quotes with its"
                    + " unit, not " + kind(v) + " (such as " + key + " = \"30s\", \"500ms\" or \"5m\")");
        }
        return text(node, key, where).map(t -> dev.cairn.config.Durations.parse(t, where + " " + key));
    }

    /** A timeout that {@code "off"} turns off. */
    private static Optional<Duration> durationOrOff(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v != null && v.isTextual() && v.asText().strip().equalsIgnoreCase("off")) {
            return Optional.of(Duration.ZERO);
        }
        return duration(node, key, where);
    }

    /** {@code lock_retries}: a whole number, 0 or more. */
    private static Optional<Integer> lockRetries(JsonNode node, String where) {
        JsonNode v = node.get("lock_retries");
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw CairnException.usage("config.type", where + ": 'lock_retries' must be a whole number, 0 or more"
                    + " (0 never runs a migration again), not " + v);
        }
        return Optional.of(v.asInt());
    }

    private static List<String> list(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) {
                    throw CairnException.usage("config.type", where + ": '" + key + "' must be a string or an array"
                            + " of strings; element " + (i + 1) + " is " + kind(v.get(i)));
                }
                out.add(v.get(i).asText());
            }
        } else if (v.isTextual()) {
            out.add(v.asText());
        } else {
            throw CairnException.usage("config.type", where + ": '" + key + "' must be a string or an array of"
                    + " strings, not " + kind(v));
        }
        return List.copyOf(out);
    }

    private static final Map<String, String> EXAMPLES = Map.of("url", "\"postgres://app@localhost:5432/app\"",
            "table", "\"cairn_history\"", "lock_mode", "\"advisory\"", "seeds", "\"db/seeds\"",
            "snapshot_after_migrate", "\"DATABASE.md\"");

    /** What a TOML value is, for messages. */
    private static String kind(JsonNode v) {
        if (v.isObject()) {
            return "a table";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isBoolean()) {
            return "a boolean (" + v.asText() + ")";
        }
        if (v.isNumber()) {
            return "a number (" + v.asText() + ")";
        }
        return v.isTextual() ? "a string" : "a date or time";
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

    /**
     * The environment's section, when the file has one: {@code [env.NAME]}, else the one section whose
     * name differs only in case (protection compares names case-insensitively, so does this).
     */
    public Section environment(String name) {
        Section exact = environments.get(name);
        if (exact != null) {
            return exact;
        }
        List<Section> folded = environments.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).toList();
        return folded.size() == 1 ? folded.get(0) : Section.empty();
    }

    /**
     * Refuses a selected environment that has no section while one of a similar name exists
     * ({@code --env production} with only {@code [env.prodution]}): its settings, often its URL,
     * would silently not apply. A name with no similar section is fine (it uses the top level).
     *
     * @throws CairnException a usage error (exit 2)
     */
    public void checkSelected(String name, String source) {
        if (environments.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name)) || name.length() < 4) {
            return;
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String k : environments.keySet()) {
            if (distance(lower, k.toLowerCase(java.util.Locale.ROOT)) <= Math.min(2, name.length() / 4)) {
                throw CairnException.usage("config.env", "environment '" + name + "' (from " + source + ") has no"
                        + " [env." + name + "] section in " + path + ", but [env." + k + "] looks like a misspelling of"
                        + " it; rename that section, or add an empty [env." + name + "] if '" + name + "' uses the top"
                        + " level. Nothing was touched");
            }
        }
    }

    /** Edit distance with transpositions (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
