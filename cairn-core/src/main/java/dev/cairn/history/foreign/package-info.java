/**
 * Reading other tools' history tables (Flyway, golang-migrate, goose, drizzle, ...) for
 * {@code import}.
 *
 * <p>Status: Internal (the API package set: README, "Architecture").
 */
package dev.cairn.history.foreign;
