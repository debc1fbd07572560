/**
 * The configuration as one frozen value ({@link dev.cairn.config.Configuration}) and the small
 * types it is made of: database URLs, table names, durations, lock modes, environments.
 *
 * <p>Status: API (the API package set: README, "Architecture").
 */
package dev.cairn.config;
