/**
 * {@link dev.cairn.error.CairnException}, the one root of every error, with its kind (the exit
 * code) and stable code, and the structured advice hosts render in their own words.
 *
 * <p>Status: API (the API package set: README, "Architecture").
 */
package dev.cairn.error;
