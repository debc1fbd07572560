package dev.cairn.lint;

import java.util.Locale;

/** How bad a finding is: an error fails {@code cairn lint} (exit 4), a warning or info does not. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** The lowercase name used in output and configuration. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
