package dev.cairn.lint;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the configuration says about linting ({@code [lint]} in cairn.toml).
 *
 * @param ignore       rule ids never reported
 * @param errorOn      rule ids reported as errors whatever their severity
 * @param perMigration rule ids ignored in one migration, by version
 * @param style        whether the style hints (prefer bigint, identity, timestamptz, text) are reported
 */
public record LintOptions(Set<String> ignore, Set<String> errorOn, Map<String, List<String>> perMigration,
                          boolean style) {

    public LintOptions {
        ignore = Set.copyOf(ignore);
        errorOn = Set.copyOf(errorOn);
        perMigration = Map.copyOf(perMigration);
    }

    public static LintOptions defaults() {
        return new LintOptions(Set.of(), Set.of(), Map.of(), false);
    }
}
