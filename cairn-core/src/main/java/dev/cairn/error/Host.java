package dev.cairn.error;

import java.util.stream.Collectors;

/**
 * How one host (the command line, the Maven plugin, Spring Boot, a plain Java caller) words the
 * {@link Next} steps that core messages carry. {@link #NEUTRAL} is the wording of
 * {@link CairnException#getMessage()}: a setting by its canonical name ({@code lock-timeout=30s}) and an
 * operation by its name ({@code repair}), as the {@code Cairn} facade's methods are named.
 */
public interface Host {

    /** A setting as a user of this host gives it, such as {@code --lock-timeout 30s}. */
    String setting(Next.Setting setting);

    /** An operation as a user of this host runs it, such as {@code cairn repair}. */
    String action(Next.Action action);

    /** {@code text} (a message or an event's text) with every {@link Next} in it worded by this host. */
    default String render(String text) {
        return Next.render(text, this);
    }

    /** The wording without a host: canonical names. */
    Host NEUTRAL = new Host() {
        @Override
        public String setting(Next.Setting s) {
            return s.name() + s.given().map(v -> "=" + v).orElse("");
        }

        @Override
        public String action(Next.Action a) {
            return a.operation() + (a.settings().isEmpty() ? "" : a.settings().stream().map(this::setting)
                    .collect(Collectors.joining(", ", " with ", "")));
        }
    };
}
