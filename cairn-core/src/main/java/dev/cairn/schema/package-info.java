/**
 * The schema model read from a database's catalog, its differences ({@code SchemaDiff}) and its
 * renderings (Markdown for {@code DATABASE.md}, JSON).
 *
 * <p>Status: API (the API package set: README, "Architecture").
 */
package dev.cairn.schema;
