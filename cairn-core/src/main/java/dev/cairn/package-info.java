/**
 * The facade: {@link dev.cairn.Cairn}, one method per command, built with {@code Cairn.configure()}.
 * Hosts (the command line, the Maven plugin, the Spring Boot starter, applications) start here.
 *
 * <p>Status: API (the API package set: README, "Architecture").
 */
package dev.cairn;
