package dev.cairn.maven;

import dev.cairn.error.Host;
import dev.cairn.error.Next;
import java.util.Map;
import java.util.Set;

/**
 * The plugin's wording of what to do next: a setting as its parameter ({@code <lockTimeout>30s</lockTimeout>}),
 * an operation as its goal ({@code mvn cairn:repair -Dcairn.outOfOrder=true}). An operation the plugin has
 * no goal for ({@code unlock}, {@code import}, ...) is the command line's.
 */
final class MavenHost implements Host {

    static final MavenHost HOST = new MavenHost();

    /** The goals of this plugin, by the operation they run. */
    private static final Set<String> GOALS = Set.of("baseline", "drift", "generate", "lint", "migrate", "repair",
            "rollback", "snapshot", "status", "validate", "verify");

    /** Parameters not named as the setting is. */
    private static final Map<String, String> PARAMETERS = Map.of("dir", "dirs");

    private MavenHost() {
    }

    @Override
    public String setting(Next.Setting s) {
        String p = parameter(s.name());
        return s.given().map(v -> "<" + p + ">" + v + "</" + p + ">").orElse("<" + p + ">");
    }

    @Override
    public String action(Next.Action a) {
        if (!GOALS.contains(a.operation())) {
            StringBuilder b = new StringBuilder("cairn ").append(a.operation());
            a.settings().forEach(s -> b.append(" --").append(s.name()).append(s.given().map(v -> " " + v).orElse("")));
            return b.toString();
        }
        StringBuilder b = new StringBuilder("mvn cairn:").append(a.operation());
        a.settings().forEach(s -> b.append(" -Dcairn.").append(parameter(s.name())).append('=')
                .append(s.given().orElse("true")));
        return b.toString();
    }

    /** {@code lock-timeout} as the parameter {@code lockTimeout}. */
    static String parameter(String setting) {
        String known = PARAMETERS.get(setting);
        if (known != null) {
            return known;
        }
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : setting.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }
}
