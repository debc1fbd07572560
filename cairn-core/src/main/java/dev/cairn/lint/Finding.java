package dev.cairn.lint;

import dev.cairn.error.Host;
import java.util.Objects;

/**
 * One problem with one statement.
 *
 * @param rule      the rule's id (squawk's name where the meaning is the same)
 * @param severity  error, warning or info
 * @param file      the migration file, as discovery displays it
 * @param line      the 1-based line of the statement's first character
 * @param column    the 1-based column of that character
 * @param statement the statement as written
 * @param message   what goes wrong and why, sized by the live table when observed; what to do next in it
 *                  is worded neutrally by {@link #message()} and by a host with {@link #message(Host)}
 * @param safer     the safer way to write this statement, as SQL (comments where SQL cannot say it),
 *                  likewise {@link #safer()} and {@link #safer(Host)}
 * @param evidence  what was observed on the scratch database and read from the live one
 */
public record Finding(String rule, Severity severity, String file, int line, int column, String statement,
                      String message, String safer, Evidence evidence) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(safer, "safer");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** What goes wrong and why, with what to do next worded neutrally. */
    @Override
    public String message() {
        return Host.NEUTRAL.render(message);
    }

    /** What goes wrong and why, with what to do next worded by {@code host}. */
    public String message(Host host) {
        return host.render(message);
    }

    /** The safer way, with what to do next worded neutrally. */
    @Override
    public String safer() {
        return Host.NEUTRAL.render(safer);
    }

    /** The safer way, with what to do next worded by {@code host}. */
    public String safer(Host host) {
        return host.render(safer);
    }

    Finding with(Severity s, String m, Evidence e) {
        return new Finding(rule, s, file, line, column, statement, m, safer, e);
    }
}
