/**
 * The psql-compatible SQL splitter and lexer. Not API: its types may change in any release.
 *
 * <p>Status: Internal (the API package set: README, "Architecture").
 */
package dev.cairn.sql;
