package dev.cairn.config;

import dev.cairn.error.CairnException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in flags, cairn.toml, POMs and properties: {@code 500ms},
 * {@code 60s}, {@code 5m}, {@code 1h}, or plain seconds. One reading for every host.
 */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /**
     * As {@link #parse}, for a timeout that can be turned off: {@code off} (or {@code 0}) is
     * {@link Duration#ZERO}, which the server reads as no timeout.
     */
    public static Duration parseOrOff(String value, String what) {
        if (value.strip().equalsIgnoreCase("off")) {
            return Duration.ZERO;
        }
        try {
            return parse(value, what);
        } catch (CairnException e) {
            throw CairnException.usage("config.duration", what + " '" + value + "' is not a duration;"
                    + " write it like 500ms, 5s or 1m, or off");
        }
    }

    /**
     * Parses, naming {@code what} (the flag, key or element) in the error.
     *
     * @throws CairnException a usage error (exit 2) when it is not a duration or too large
     */
    public static Duration parse(String value, String what) {
        Matcher m = FORM.matcher(value.strip());
        if (!m.matches()) {
            throw CairnException.usage("config.duration", what + " '" + value + "' is not a duration;"
                    + " write it like 500ms, 60s, 5m or 1h");
        }
        try {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            d.toMillis();
            return d;
        } catch (NumberFormatException | ArithmeticException e) {
            throw CairnException.usage("config.duration", what + " '" + value + "' is too large");
        }
    }
}
