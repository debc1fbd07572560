/**
 * The history table: its rows, their reading and writing, and its upgrades.
 *
 * <p>Status: Internal (the API package set: README, "Architecture").
 */
package dev.cairn.history;
