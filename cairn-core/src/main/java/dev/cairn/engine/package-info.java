/**
 * One class per operation (Migrate, Rollback, Status, ...), their request and result records and
 * the listener events: what the facade calls. The classes that do the work ({@code Session},
 * {@code Transaction}, {@code ScratchSession}, ...) are package-private.
 *
 * <p>Status: API (the API package set: README, "Architecture").
 */
package dev.cairn.engine;
