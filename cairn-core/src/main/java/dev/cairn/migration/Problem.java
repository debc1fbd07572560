package dev.cairn.migration;

import dev.cairn.error.Host;

/**
 * One thing wrong with the migrations, found without changing anything: a stable code and a
 * message that names the file or version and says what to do.
 *
 * @param template the message with what to do next as {@link dev.cairn.error.Next} steps, for a host to word
 */
public record Problem(String code, String template) {

    /** The message, what to do next worded neutrally. */
    public String message() {
        return Host.NEUTRAL.render(template);
    }

    /** The message, what to do next worded by {@code host}. */
    public String message(Host host) {
        return host.render(template);
    }
}
