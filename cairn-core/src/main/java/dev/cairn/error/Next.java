package dev.cairn.error;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user can do next, named the same way on every host: a {@link Setting} (such as
 * {@code lock-timeout} with a value) or an {@link Action} (an operation such as {@code repair}, with
 * settings). The core never names a command-line flag or a command: it writes a {@code Next} into its
 * message (its {@link #toString()} is a placeholder), and each host words it its own way through a
 * {@link Host}: the command line as {@code --lock-timeout 30s} and {@code cairn repair}, the Maven
 * plugin as {@code <lockTimeout>30s</lockTimeout>} and {@code mvn cairn:repair}, Spring Boot as
 * {@code cairn.lock-timeout=30s}. {@link CairnException#getMessage()} words it {@link Host#NEUTRAL}ly.
 */
public sealed interface Next {

    /** Placeholders are bracketed so that a message can be concatenated, wrapped and still rendered. */
    String OPEN = "\u27e6";
    String CLOSE = "\u27e7";
    String FIELD = "\u001f";

    /**
     * A setting by its canonical name, the command line's long option without dashes ({@code lock-timeout},
     * {@code lock-mode}, {@code dir}), with the value to give or empty for the setting itself or a switch.
     */
    record Setting(String name, String value) implements Next {
        public Setting {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** The value to give, if this advice names one. */
        public Optional<String> given() {
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        @Override
        public String toString() {
            return OPEN + "set" + FIELD + name + FIELD + value + CLOSE;
        }
    }

    /** An operation by its name ({@code repair}, {@code migrate}, {@code unlock}), run with these settings. */
    record Action(String operation, List<Setting> settings) implements Next {
        public Action {
            Objects.requireNonNull(operation, "operation");
            settings = List.copyOf(settings);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(OPEN + "run" + FIELD + operation);
            settings.forEach(s -> b.append(FIELD).append(s.name()).append(FIELD).append(s.value()));
            return b.append(CLOSE).toString();
        }
    }

    /** A setting, or a switch, by its canonical name. */
    static Setting setting(String name) {
        return new Setting(name, "");
    }

    /** A setting with the value to give it. */
    static Setting setting(String name, String value) {
        return new Setting(name, value);
    }

    /** An operation, run with the given settings. */
    static Action action(String operation, Setting... settings) {
        return new Action(operation, Arrays.asList(settings));
    }

    /** Every piece of advice written into {@code text}, in order. */
    static List<Next> in(String text) {
        List<Next> found = new ArrayList<>();
        Matcher m = Placeholders.PATTERN.matcher(text);
        while (m.find()) {
            found.add(Placeholders.parse(m.group(1)));
        }
        return List.copyOf(found);
    }

    /** {@code text} with each piece of advice worded by {@code host}. */
    static String render(String text, Host host) {
        if (!text.contains(OPEN)) {
            return text;
        }
        Matcher m = Placeholders.PATTERN.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            Next next = Placeholders.parse(m.group(1));
            String words = next instanceof Setting s ? host.setting(s) : host.action((Action) next);
            m.appendReplacement(b, Matcher.quoteReplacement(words));
        }
        return m.appendTail(b).toString();
    }
}
