package dev.cairn.toml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.cairn.error.CairnException;
import dev.cairn.lint.LintOptions;
import dev.cairn.lint.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code lint} key of cairn.toml: either {@code lint = "warn"} (what {@code migrate} does with
 * findings: {@code error}, {@code warn} or {@code off}), or a {@code [lint]} table with {@code migrate},
 * {@code ignore}, {@code error_on}, {@code style} and {@code [lint.migrations."VERSION"] ignore}. An
 * {@code [env.NAME]} section may have its own, which replaces the top level's. Rule ids are checked.
 *
 * @param migrate what {@code migrate} does with lint findings: error, warn (default) or off
 */
public record LintSettings(String migrate, LintOptions options) {

    private static final Set<String> KEYS = Set.of("migrate", "ignore", "error_on", "style", "migrations");
    private static final List<String> MODES = List.of("error", "warn", "off");

    public static LintSettings defaults() {
        return new LintSettings("warn", LintOptions.defaults());
    }

    /** The settings of the file for an environment; defaults when the file or the key is absent. */
    public static LintSettings of(ConfigFile file, String environment) {
        Path path = file.path();
        if (!Files.isRegularFile(path)) {
            return defaults();
        }
        JsonNode root;
        try {
            root = new TomlMapper().readTree(Files.readString(path).replace("\uFEFF", ""));
        } catch (IOException e) {
            return defaults(); // ConfigFile.read reported it already
        }
        JsonNode env = environment.isEmpty() ? null : root.path("env").path(environment).get("lint");
        JsonNode node = env != null ? env : root.get("lint");
        String where = path + (env != null ? " [env." + environment + ".lint]" : " [lint]");
        return node == null ? defaults() : parse(node, where);
    }

    static LintSettings parse(JsonNode node, String where) {
        if (node.isTextual()) {
            return new LintSettings(mode(node.asText(), where), LintOptions.defaults());
        }
        if (!node.isObject()) {
            throw CairnException.usage("config.type", where + ": 'lint' must be \"error\", \"warn\" or \"off\", or a"
                    + " [lint] table");
        }
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!KEYS.contains(k)) {
                throw CairnException.usage("config.key", where + ": unknown key '" + k + "'; known keys: error_on,"
                        + " ignore, migrate, migrations, style");
            }
        }
        JsonNode style = node.get("style");
        if (style != null && !style.isBoolean()) {
            throw CairnException.usage("config.type", where + ": 'style' must be true or false");
        }
        Map<String, List<String>> per = new LinkedHashMap<>();
        JsonNode migrations = node.get("migrations");
        if (migrations != null) {
            migrations.fields().forEachRemaining(e -> {
                String w = where.replace("]", ".migrations.\"" + e.getKey() + "\"]");
                if (!e.getValue().isObject() || e.getValue().size() != 1 || !e.getValue().has("ignore")) {
                    throw CairnException.usage("config.key", w + ": the known key is: ignore");
                }
                per.put(e.getKey(), List.copyOf(rules(e.getValue(), "ignore", w)));
            });
        }
        String mode = node.has("migrate") ? mode(node.get("migrate").asText(), where + " migrate") : "warn";
        return new LintSettings(mode, new LintOptions(rules(node, "ignore", where), rules(node, "error_on", where), per,
                style != null && style.asBoolean()));
    }

    private static String mode(String text, String where) {
        if (!MODES.contains(text)) {
            throw CairnException.usage("config.type", where + ": lint mode '" + text + "' is not error, warn or off");
        }
        return text;
    }

    private static Set<String> rules(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        Set<String> out = new LinkedHashSet<>();
        if (v == null) {
            return out;
        }
        List<JsonNode> items = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(items::add);
        } else {
            items.add(v);
        }
        for (JsonNode i : items) {
            if (!i.isTextual()) {
                throw CairnException.usage("config.type", where + ": '" + key + "' must be a list of rule ids");
            }
            out.add(check(i.asText(), where + " " + key));
        }
        return out;
    }

    /** A rule id, or a usage error listing the known ones. */
    public static String check(String id, String where) {
        Optional<Rule> r = Rule.byId(id);
        if (r.isEmpty()) {
            throw CairnException.usage("lint.rule", where + ": no lint rule is called '" + id + "'; known rules: "
                    + String.join(", ", Arrays.stream(Rule.values()).map(Rule::id).toList()));
        }
        return id;
    }
}
