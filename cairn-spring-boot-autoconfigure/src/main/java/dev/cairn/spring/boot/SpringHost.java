package dev.cairn.spring.boot;

import dev.cairn.error.Host;
import dev.cairn.error.Next;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Spring Boot's wording of what to do next: a setting as its {@code cairn.*} property
 * ({@code cairn.lock-timeout=30s}), an operation as the call on the {@code Cairn} bean ({@code Cairn.repair()}).
 * A setting that has no property here keeps its neutral name.
 */
final class SpringHost implements Host {

    static final SpringHost HOST = new SpringHost();

    /** The settings {@link CairnProperties} offers, by the setting's name. */
    private static final Map<String, String> PROPERTIES = Map.of("dir", "locations", "lock-timeout", "lock-timeout",
            "lock-mode", "lock-mode", "table", "table", "out-of-order", "out-of-order", "target", "target",
            "env", "env", "url", "url");

    /** Facade methods not named as the operation is. */
    private static final Map<String, String> METHODS = Map.of("import", "importHistory", "new", "newMigration");

    private static final Set<String> SWITCHES = Set.of("out-of-order");

    private SpringHost() {
    }

    @Override
    public String setting(Next.Setting s) {
        String property = PROPERTIES.get(s.name());
        if (property == null) {
            return Host.NEUTRAL.setting(s);
        }
        return "cairn." + property + s.given().map(v -> "=" + v)
                .orElse(SWITCHES.contains(s.name()) ? "=true" : "");
    }

    @Override
    public String action(Next.Action a) {
        return "Cairn." + METHODS.getOrDefault(a.operation(), a.operation()) + "()" + (a.settings().isEmpty() ? ""
                : a.settings().stream().map(this::setting).collect(Collectors.joining(", ", " with ", "")));
    }
}
