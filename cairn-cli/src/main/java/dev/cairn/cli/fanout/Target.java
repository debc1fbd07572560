package dev.cairn.cli.fanout;

import java.util.Optional;

/**
 * One database (or one schema of one) a fan-out runs on.
 *
 * @param label  how output names it: {@code user@host:port/db}, with {@code (schema s)}; never a password
 * @param url    the URL to connect with; it may hold a password, so it is never printed
 * @param schema the tenant schema, for {@code --schemas-query}
 */
public record Target(String label, String url, Optional<String> schema) {
}
