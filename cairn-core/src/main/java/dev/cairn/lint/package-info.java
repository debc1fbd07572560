/**
 * The linter's options, findings, rules and results; the rules themselves and the statement
 * reading they need are internal.
 *
 * <p>Status: API (the API package set: README, "Architecture").
 */
package dev.cairn.lint;
